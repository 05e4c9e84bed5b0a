"use client";
import { TOKEN_PLACEMENT_LABELS } from "./labels.ts";
import { DEFAULT_TOKEN_PARAMETER, type TokenPlacement } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

const PLACEMENTS: Array<{ value: TokenPlacement; label: string; hint: string }> = [
  {
    value: "header",
    label: TOKEN_PLACEMENT_LABELS.header,
    hint: "In a request header, e.g. Authorization: Bearer <token> (what most APIs expect).",
  },
  {
    value: "query",
    label: TOKEN_PLACEMENT_LABELS.query,
    hint: "In the query string of each call, e.g. ?access_token=<token>, for APIs that ask for it.",
  },
];

/** Where each API call carries the token: radios, a header by default. */
export function TokenPlacementField({ form }: { form: ProfileForm }) {
  const error = form.errorAt("tokenPlacement");

  function choose(placement: TokenPlacement) {
    const { tokenPlacement, tokenParameterName } = form.values;
    // A name left at the other placement's default follows the placement; a chosen one stays.
    const followsDefault = tokenParameterName === DEFAULT_TOKEN_PARAMETER[tokenPlacement];
    form.change(
      {
        tokenPlacement: placement,
        ...(followsDefault ? { tokenParameterName: DEFAULT_TOKEN_PARAMETER[placement] } : {}),
      },
      "tokenPlacement",
      "tokenParameterName",
    );
    // Whether the name is a valid header name depends on the placement: say so at once.
    form.touch("tokenParameterName");
  }

  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">Token placement</legend>
      {PLACEMENTS.map((placement) => {
        const id = `profile-placement-${placement.value}`;
        return (
          <div key={placement.value} className="flex items-start gap-2">
            <input
              id={id}
              type="radio"
              name="tokenPlacement"
              value={placement.value}
              className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
              checked={form.values.tokenPlacement === placement.value}
              aria-describedby={`${id}-hint`}
              onChange={() => choose(placement.value)}
            />
            <div className="grid gap-0.5">
              <label htmlFor={id} className="text-sm">
                {placement.label}
              </label>
              <p id={`${id}-hint`} className="text-xs text-muted">
                {placement.hint}
              </p>
            </div>
          </div>
        );
      })}
      {error && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}
