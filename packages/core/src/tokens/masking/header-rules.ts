/**
 * What a provider's response headers may show before the values it was sent or gave are masked:
 * some headers carry credentials by their nature, whatever their value looks like.
 */

/** Headers whose value is a credential: only an authentication scheme before it is kept. */
const CREDENTIAL_HEADER =
  /authorization|cookie|token|secret|session|passw|credential|api-?key|signature/i;

/** Query parameters whose value is a credential, in a URL the provider points to. */
const CREDENTIAL_PARAMETER = /token|secret|code|passw|key|session|assertion|signature|credential/i;

const REDACTED = "[redacted]";

/** A header value with what its kind says is secret replaced; other headers as they are. */
export function applyHeaderRules(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === "set-cookie") return maskCookies(value);
  if (lower === "location" || lower === "content-location") return maskLocation(value);
  if (CREDENTIAL_HEADER.test(lower)) {
    const scheme = /^[A-Za-z][\w-]*\s+(?=\S)/.exec(value)?.[0] ?? "";
    return `${scheme}${REDACTED}`;
  }
  return value;
}

// Each cookie's value, up to its attributes; cookies are joined by ", " (an Expires date's
// comma is followed by a day number, never by name=).
const COOKIE = /(^|,\s*)([^=;,\s]+)=([^;]*)/g;

/** `sid=abc; Path=/; HttpOnly, theme=x` as `sid=[redacted]; Path=/; HttpOnly, theme=[redacted]`. */
export const maskCookies = (value: string) =>
  value.replace(COOKIE, (_, before: string, name: string) => `${before}${name}=${REDACTED}`);

/**
 * A URL with its fragment (where implicit-grant tokens travel) and credential-like query
 * parameters masked; the rest, origin and path, is kept to say where it pointed.
 */
export function maskLocation(value: string): string {
  const hash = value.indexOf("#");
  const fragment = hash < 0 ? "" : hash === value.length - 1 ? "#" : `#${REDACTED}`;
  const url = hash < 0 ? value : value.slice(0, hash);
  const question = url.indexOf("?");
  if (question < 0) return `${url}${fragment}`;
  const query = url
    .slice(question + 1)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && CREDENTIAL_PARAMETER.test(safeDecode(name))
        ? `${name}=${REDACTED}`
        : pair;
    })
    .join("&");
  return `${url.slice(0, question + 1)}${query}${fragment}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
