/** Why a caller's path was refused, in words for the caller. */
export class PathRefused extends Error {
  override name = "PathRefused";
}

// RFC 3986 path characters (pchar and "/") less "@", which some parsers read as a user name.
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:%/]*$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const ENCODED_SEPARATOR = /%(2f|5c)/i;
// Any control character, C0 or C1, DEL included.
const CONTROL = /\p{Cc}/u;
// Percent-encoding nested deeper than this is refused rather than peeled further.
const MAX_DECODINGS = 4;

/**
 * The caller's path (what follows `/proxy` in the request, as sent: "" or "/..."), checked so
 * that joined to the API Base URL it stays under the base's origin and path. Refused, not
 * repaired: a dot segment ("..", "%2e%2e" in any case, encoded once or more), an encoded "/" or
 * "\" (which an API may decode into a separator), an empty segment ("//other.example"), an
 * absolute URL, a backslash, "@", a control character (CR, LF, NUL...), or anything outside
 * RFC 3986's path characters. Returned as sent, so the API sees the caller's own encoding.
 */
export function confinePath(raw: string): string {
  if (raw === "" || raw === "/") return raw;
  if (!raw.startsWith("/")) throw new PathRefused("The path must start with /");
  if (!PATH_CHARACTERS.test(raw) || BAD_PERCENT.test(raw))
    throw new PathRefused(
      "The path holds characters a URL path cannot carry as they are (percent-encode them; @ and \\ are refused)",
    );
  // Every layer of percent-encoding, so that "%252e%252e" is seen as the ".." it may become.
  const layers = [raw];
  for (let i = 0; i < MAX_DECODINGS; i++) {
    const layer = layers[layers.length - 1] ?? "";
    if (!layer.includes("%")) break;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      throw new PathRefused("The path holds percent-encoding that is not valid UTF-8");
    }
    if (decoded === layer) break;
    layers.push(decoded);
  }
  const deepest = layers[layers.length - 1] ?? "";
  if (deepest.includes("%") && layers.length > MAX_DECODINGS)
    throw new PathRefused("The path is percent-encoded too many times over");
  for (const layer of layers) {
    if (ENCODED_SEPARATOR.test(layer))
      throw new PathRefused("The path holds an encoded / or \\ (%2F, %5C)");
    if (CONTROL.test(layer))
      throw new PathRefused("The path holds a control character (such as CR, LF or NUL)");
    if (layer.includes("\\")) throw new PathRefused("The path holds a backslash");
    if (layer.includes("@")) throw new PathRefused("The path holds an @");
    if (layer.includes("://"))
      throw new PathRefused("The path must be relative to the API Base URL, not a URL of its own");
    const segments = layer.slice(1).split("/");
    if (segments.some((s) => s === "." || s === ".."))
      throw new PathRefused("The path holds a . or .. segment, which would leave the API Base URL");
    // A trailing slash is the API's business; an empty segment anywhere else is not.
    if (segments.slice(0, -1).some((s) => s === ""))
      throw new PathRefused("The path holds an empty segment (//)");
  }
  return raw;
}
