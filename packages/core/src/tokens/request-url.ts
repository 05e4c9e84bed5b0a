import {
  fillPlaceholders,
  placeholdersIn,
  placeholderValueProblem,
} from "../shared/placeholders.ts";
import { RequestBuildError } from "./request-build-error.ts";

/** What fills one placeholder, and how to name it when it cannot. */
export type Filling = { value: string; what: string; field: string };

const parsed = (url: string) => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * The request's URL: each placeholder filled with its value, percent-encoded, then checked
 * before anything is sent. A value that cannot be filled in, or that breaks the URL (possible
 * only in a URL saved before placeholders were kept out of the host), is blamed by name.
 */
export function filledUrl(
  template: string,
  target: { label: string; field: string },
  fillings: ReadonlyMap<string, Filling>,
): URL {
  const encoded = (name: string) => {
    const filling = fillings.get(name);
    if (!filling) return "";
    const problem = placeholderValueProblem(filling.value);
    if (problem)
      throw new RequestBuildError(
        "invalid_url",
        `The value of ${filling.what} ${problem}`,
        filling.field,
      );
    try {
      return encodeURIComponent(filling.value);
    } catch {
      // URIError: a lone surrogate, which no URL can carry.
      throw new RequestBuildError(
        "invalid_url",
        `The value of ${filling.what} holds a character that is not valid Unicode`,
        filling.field,
      );
    }
  };
  const url = parsed(fillPlaceholders(template, encoded));
  if (url) return url;
  const culprit = placeholdersIn(template).find(
    (name) => !parsed(fillPlaceholders(template, (n) => (n === name ? encoded(n) : "placeholder"))),
  );
  const filling = culprit === undefined ? undefined : fillings.get(culprit);
  throw new RequestBuildError(
    "invalid_url",
    filling
      ? `The ${target.label} is not a valid URL once ${filling.what} is filled in`
      : `The ${target.label} is not a valid URL`,
    filling?.field ?? target.field,
  );
}
