/** The body kinds a Payload field can go into. */
export type PayloadBodyKind = "json" | "form";

/** Which kind of body a Content-Type names, or null for one Payload fields cannot go into. */
export function payloadBodyKind(contentType: string | null): PayloadBodyKind | null {
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return null;
}

/** Why a body could not take the Payload fields, for the caller. */
export class PayloadBodyError extends Error {
  override name = "PayloadBodyError";
}

/**
 * The body with the Payload fields set as keys: of a JSON object, or of a form (replacing what
 * the caller sent under the same key). A JSON body that is not an object cannot take them and
 * is refused, since sending the call without the fields would fail at the API less clearly.
 */
export function withPayloadFields(
  kind: PayloadBodyKind,
  body: Uint8Array,
  fields: ReadonlyArray<[string, string]>,
): Uint8Array {
  const text = new TextDecoder().decode(body);
  if (kind === "form") {
    const form = new URLSearchParams(text);
    for (const [key] of fields) form.delete(key);
    for (const [key, value] of fields) form.append(key, value);
    return new TextEncoder().encode(form.toString());
  }
  let parsed: unknown;
  try {
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new PayloadBodyError("The body is not valid JSON, so the Payload fields cannot be added");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new PayloadBodyError(
      "The body is JSON but not an object, so the Payload fields cannot be added to it",
    );
  const merged: Record<string, unknown> = { ...parsed };
  for (const [key, value] of fields)
    Object.defineProperty(merged, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return new TextEncoder().encode(JSON.stringify(merged));
}
