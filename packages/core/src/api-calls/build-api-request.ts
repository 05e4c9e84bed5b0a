import type { FieldType, TokenPlacement } from "../db/generated/client.ts";
import { placeholderValueProblem } from "../shared/placeholders.ts";
import { TENANT_PLACEHOLDER } from "../shared/tenant-rules.ts";
import { RequestBuildError } from "../tokens/request-build-error.ts";
import { type Filling, filledUrl } from "../tokens/request-url.ts";
import { PathRefused } from "./confine-path.ts";
import { forwardedRequestHeaders } from "./forwarded-headers.ts";

/** What of a profile shapes its API calls. */
export type ApiCallProfile = {
  apiBaseUrl: string;
  tokenPlacement: TokenPlacement;
  tokenParameterName: string;
  tokenPrefix: string;
  /** In the profile's order; each value as sent (a secret one opened just before). */
  fields: ReadonlyArray<{ type: FieldType; key: string; value: string }>;
};

/** The caller's request, as it reached Authdeck; the path already confined (confinePath). */
export type CallerRequest = {
  method: string;
  path: string;
  /** The raw query string, "" or "?...". */
  search: string;
  headers: Iterable<[string, string]>;
};

/** An API call ready to send, but for its body. */
export type ApiRequest = {
  method: string;
  url: URL;
  headers: Array<[string, string]>;
  /** The Payload fields, which go into the body when it is JSON or a form (payload-body.ts). */
  payload: Array<[string, string]>;
};

/** The query parameter naming the tenant: Authdeck's, never passed on. */
export const TENANT_QUERY = "tenant";

// RFC 6750 names the scheme "Bearer"; providers often write "bearer", which some APIs refuse.
const schemeOf = (tokenType: string | null) =>
  !tokenType || tokenType.toLowerCase() === "bearer" ? "Bearer" : tokenType;

const queryName = (part: string) => {
  const name = part.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
};

/**
 * The API call a caller's request becomes: the API Base URL with `{tenant}` and the Path Params
 * filled in, the caller's path (whose `{key}` placeholders the Path Params fill too) and query
 * after it; the token where the profile places it, the Header fields as headers, the Query
 * String fields as query parameters. What Authdeck sets replaces whatever the caller sent under
 * the same name, so a caller can neither drop nor double the token.
 */
export function buildApiRequest(options: {
  profile: ApiCallProfile;
  token: { value: string; type: string | null };
  tenant: string;
  call: CallerRequest;
}): ApiRequest {
  const { profile, token, tenant, call } = options;
  const fieldsOf = (type: FieldType) => profile.fields.filter((f) => f.type === type);

  const fillings = new Map<string, Filling>(
    fieldsOf("path").map((f) => [
      f.key,
      { value: f.value, what: `the Path Param {${f.key}}`, field: "apiBaseUrl" },
    ]),
  );
  fillings.set(TENANT_PLACEHOLDER, { value: tenant, what: "the tenant", field: "tenant" });
  const base = filledUrl(
    profile.apiBaseUrl,
    { label: "API Base URL", field: "apiBaseUrl" },
    fillings,
  );
  const basePath = base.pathname.replace(/\/+$/, "");
  const url = new URL(base.href);
  url.pathname = basePath + fillPathPlaceholders(call.path, fillings);
  // The path was confined already; this only guards against a rule forgotten there.
  if (url.origin !== base.origin || !`${url.pathname}/`.startsWith(`${basePath}/`))
    throw new PathRefused("The path leaves the API Base URL");

  const byQuery = profile.tokenPlacement === "query";
  const added: Array<[string, string]> = fieldsOf("query").map((f) => [f.key, f.value]);
  if (byQuery) added.push([profile.tokenParameterName, token.value]);
  const replacedQuery = new Set([TENANT_QUERY, ...added.map(([name]) => name)]);
  const kept = call.search
    .replace(/^\?/, "")
    .split("&")
    .filter((part) => part !== "" && !replacedQuery.has(queryName(part)));
  const baseQuery = base.search.replace(/^\?/, "");
  const addedQuery = new URLSearchParams(added).toString();
  url.search = [baseQuery, ...kept, addedQuery].filter(Boolean).join("&");

  const setHeaders: Array<[string, string]> = fieldsOf("header").map((f) => [f.key, f.value]);
  if (!byQuery) {
    // A DPoP-bound token goes with the DPoP scheme whatever the prefix says: a resource server
    // must refuse it as Bearer (RFC 9449 §7.2).
    const scheme =
      token.type?.toLowerCase() === "dpop" ? "DPoP" : profile.tokenPrefix || schemeOf(token.type);
    setHeaders.push([profile.tokenParameterName, `${scheme} ${token.value}`]);
  }
  const replacedHeaders = new Set(setHeaders.map(([name]) => name.toLowerCase()));
  return {
    method: call.method,
    url,
    headers: [...forwardedRequestHeaders(call.headers, replacedHeaders), ...setHeaders],
    payload: fieldsOf("payload").map((f) => [f.key, f.value]),
  };
}

// "{key}" as typed, or as a client percent-encodes braces in a path.
const PATH_PLACEHOLDER = /(?:\{|%7B)([^{}/%]+)(?:\}|%7D)/gi;

/**
 * The caller's path with each `{key}` of a Path Param (and `{tenant}`) replaced by its value,
 * percent-encoded so it stays one segment; other braces are the caller's and stay as sent.
 */
function fillPathPlaceholders(path: string, fillings: ReadonlyMap<string, Filling>): string {
  return path.replace(PATH_PLACEHOLDER, (whole, name: string) => {
    const filling = fillings.get(name);
    if (!filling) return whole;
    const problem = placeholderValueProblem(filling.value);
    if (problem)
      throw new RequestBuildError(
        "invalid_url",
        `The value of ${filling.what} ${problem}`,
        filling.field,
      );
    return encodeURIComponent(filling.value);
  });
}
