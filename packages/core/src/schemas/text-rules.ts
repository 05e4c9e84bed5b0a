/**
 * Characters a name must not hold: they cannot be stored (a lone UTF-16 surrogate is refused by
 * PostgreSQL's jsonb, and so by the audit trail), or they make what people read differ from
 * what is stored (control characters, bidirectional overrides, zero-width characters that let
 * "Orders API" and "Orders\u200B API" look alike).
 */
// Cc: the C0 controls, DEL and the C1 controls.
const CONTROL = /\p{Cc}/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060-\u2064\uFEFF]/u;
// The zero-width joiner is what joins emoji into one (👨‍👩‍👧, 🏳️‍🌈): allowed between two
// pictographs (the first perhaps with a skin tone or presentation selector), refused elsewhere.
const STRAY_JOINER =
  /(?<!\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;

// Without the u flag a regex sees UTF-16 units, so an unpaired surrogate can be matched.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds a UTF-16 surrogate without its pair (not valid Unicode). */
export const hasLoneSurrogate = (value: string) => LONE_SURROGATE.test(value);

/** Why `value` cannot be a name, or null when it can. */
export function nameCharacterProblem(value: string, label: string): string | null {
  if (hasLoneSurrogate(value)) return `${label} holds a broken character (a lone surrogate)`;
  if (CONTROL.test(value)) return `${label} must not contain control characters`;
  if (BIDI_CONTROL.test(value))
    return `${label} must not contain characters that change the text's direction`;
  if (INVISIBLE.test(value) || STRAY_JOINER.test(value))
    return `${label} must not contain invisible characters`;
  return null;
}

// JSON.stringify writes a lone surrogate as a \udXXX escape and a paired one as itself, so those
// escapes are exactly the lone ones. An escaped backslash is matched first, so the text "\ud800"
// typed with a real backslash is left alone.
const LONE_SURROGATE_ESCAPE = /\\\\|\\ud[89a-f][0-9a-f]{2}/g;

/**
 * A JSON value with every lone surrogate replaced by U+FFFD, for what Authdeck stores but did not
 * choose (a provider's answer): PostgreSQL's jsonb refuses a lone surrogate outright.
 */
export function replaceLoneSurrogates<T>(value: T): T {
  const json = JSON.stringify(value);
  // Most values hold none: a quick scan spares parsing a large one back.
  if (json === undefined || !json.includes("\\ud")) return value;
  return JSON.parse(
    json.replace(LONE_SURROGATE_ESCAPE, (found) => (found === "\\\\" ? found : "\\ufffd")),
  );
}
