import type { SentRequest } from "../schemas/evidence.ts";
import { MAX_STORED_BODY_BYTES, NOT_SHOWN } from "../tokens/masking/answer-evidence.ts";
import { applyHeaderRules, maskLocation } from "../tokens/masking/header-rules.ts";
import { maskValues, type Sensitive } from "../tokens/masking/mask-values.ts";
import type { ApiRequest } from "./build-api-request.ts";

const masked = (text: string, sensitive: readonly Sensitive[]) => {
  const result = maskValues(text, sensitive);
  return result.ok ? result.text : NOT_SHOWN;
};

/**
 * An API call as it was sent, for people to read: the URL, headers and body with the token and
 * every secret masked, credential-like headers and query parameters redacted by their name
 * whatever their value, the body cut to what a run keeps.
 */
export function sentRequestEvidence(
  request: ApiRequest,
  body: Uint8Array | null,
  sensitive: readonly Sensitive[],
): SentRequest {
  let text = "";
  if (body && body.byteLength > 0) {
    const whole = Buffer.from(body).toString("utf8");
    const shown = masked(whole, sensitive);
    text =
      Buffer.byteLength(shown) > MAX_STORED_BODY_BYTES
        ? `${Buffer.from(shown).subarray(0, MAX_STORED_BODY_BYTES).toString("utf8")}… (${body.byteLength.toLocaleString("en-US")} bytes in all)`
        : shown;
  }
  return {
    method: request.method,
    url: masked(maskLocation(request.url.href), sensitive),
    headers: request.headers.map(([name, value]) => [
      name,
      masked(applyHeaderRules(name, value), sensitive),
    ]),
    body: text,
  };
}
