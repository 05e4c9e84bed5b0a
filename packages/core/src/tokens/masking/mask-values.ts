import { type Base64Cache, originalSpan, throughBase64, viewsOf } from "./text-views.ts";

/** A value that must not be shown: a secret the request carried or a token the answer held. */
export type Sensitive = {
  value: string;
  label: "secret" | "access_token" | "refresh_token" | "id_token";
};

/**
 * Shorter values cannot be told from ordinary text. Masking them wherever their characters occur
 * would garble the words around them ("auth" in "authorization"), so they are never masked: a
 * text where one stands as a word of its own (not inside a longer run of letters and digits) is
 * not stored at all, and one that holds it only inside longer words is shown as it is.
 */
export const MIN_MASKABLE_LENGTH = 8;

export type Unmasked = "too_short" | "unmaskable" | "too_costly";

export type MaskResult =
  | { ok: true; text: string; markers: Array<[number, number]> }
  | { ok: false; reason: Unmasked };

// The decoded views of a text may hold this many characters per character of the text (and at
// least MIN_BUDGET) before checking it is given up as too costly.
const BUDGET_PER_CHARACTER = 16;
const MIN_BUDGET = 256 * 1024;
// Each value is searched in each view: an answer naming more tokens than this (a provider's own
// list of them, say) is not checked. A profile sends at most about 50 secrets.
const MAX_VALUES = 100;

/**
 * `text` with every value masked in every spelling its views decode (JSON escapes, HTML
 * entities, percent-encoding, forms, base64, and chains of them), each mask no longer than what
 * it replaces. Then checked again, as a whole: a value still found in any view of the result,
 * or in a view that cannot be mapped back (Unicode-normalised, lower-cased), means the text
 * cannot be shown. The caller stores nothing of it then.
 */
export function maskValues(text: string, sensitive: readonly Sensitive[]): MaskResult {
  const values = distinct(sensitive);
  if (values.length === 0 || text.length === 0) return { ok: true, text, markers: [] };
  if (values.length > MAX_VALUES) return { ok: false, reason: "too_costly" };
  const cache: Base64Cache = new Map();
  const found = findAll(text, values, cache);
  if (!Array.isArray(found)) return { ok: false, reason: found.reason };
  const masked = applyMasks(text, found);
  const left = stillFound(masked, values, cache);
  return left
    ? { ok: false, reason: left }
    : { ok: true, text: masked.text, markers: masked.markers };
}

type Found = { start: number; end: number; sensitive: Sensitive };

function findAll(
  text: string,
  values: Sensitive[],
  cache: Base64Cache,
): Found[] | { reason: Unmasked } {
  const found: Found[] = [];
  const views = viewsOf(text, budgetFor(text), cache);
  for (let step = views.next(); ; step = views.next()) {
    if (step.done) return step.value.exhausted ? { reason: "too_costly" } : found;
    const view = step.value;
    for (const sensitive of values) {
      if (sensitive.value.length < MIN_MASKABLE_LENGTH) {
        if (standsAloneIn(view.text, sensitive.value)) return { reason: "too_short" };
        continue;
      }
      for (const [start, end] of occurrences(view.text, sensitive.value)) {
        const [from, to] = originalSpan(view, start, end);
        found.push({ start: from, end: to, sensitive });
      }
    }
  }
}

/**
 * Where `value` occurs in `text`, overlapping occurrences joined. A value that repeats itself
 * ("abab...") is followed as far as the text keeps its period, so a text built of copies
 * costs one pass rather than one search per copy.
 */
function* occurrences(text: string, value: string): Generator<[number, number]> {
  let at = text.indexOf(value);
  if (at < 0) return;
  const period = smallestPeriod(value);
  while (at >= 0) {
    let end = at + value.length;
    while (end < text.length && text[end] === text[end - period]) end++;
    yield [at, end];
    at = text.indexOf(value, end - value.length + 1);
  }
}

function smallestPeriod(value: string): number {
  const border = new Int32Array(value.length);
  for (let i = 1, k = 0; i < value.length; i++) {
    while (k > 0 && value[i] !== value[k]) k = border[k - 1] ?? 0;
    if (value[i] === value[k]) k++;
    border[i] = k;
  }
  return value.length - (border[value.length - 1] ?? 0);
}

type Masked = MaskResult & { ok: true; shadow: string };

/** The masked text, and its shadow: the same with each mask blanked out, for checking it. */
function applyMasks(text: string, found: Found[]): Masked {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  const shadow: string[] = [];
  const markers: Array<[number, number]> = [];
  let copied = 0;
  let length = 0;
  for (let i = 0; i < found.length; ) {
    const first = found[i] as Found;
    let end = first.end;
    for (i++; i < found.length && (found[i] as Found).start < end; i++) {
      end = Math.max(end, (found[i] as Found).end);
    }
    const before = text.slice(copied, first.start);
    const marker = markerFor(first.sensitive, end - first.start);
    parts.push(before, marker);
    shadow.push(before, "\0".repeat(marker.length));
    length += before.length;
    markers.push([length, length + marker.length]);
    length += marker.length;
    copied = end;
  }
  parts.push(text.slice(copied));
  shadow.push(text.slice(copied));
  return { ok: true, text: parts.join(""), markers, shadow: shadow.join("") };
}

/** The most telling mask that fits in `room` characters, so masking never grows a text. */
function markerFor(sensitive: Sensitive, room: number): string {
  const { label, value } = sensitive;
  const telling =
    label === "secret"
      ? ["[secret redacted]"]
      : [`[${label} redacted, ${value.length} characters]`, `[${label} redacted]`];
  return [...telling, "[redacted]"].find((m) => m.length <= room) ?? "*".repeat(room);
}

/**
 * Whether anything of the values is left in a masked text, in any view of it or, where
 * positions cannot be mapped back, in the Unicode-normalised, lower-cased forms of its text
 * views (base64 decodings aside). The masks
 * themselves are blanked first, so a short value cannot be "found" in a mask's words.
 */
function stillFound({ shadow }: Masked, values: Sensitive[], cache: Base64Cache): Unmasked | null {
  const folded = values.map((s) => fold(s.value));
  const views = viewsOf(shadow, budgetFor(shadow), cache);
  for (let step = views.next(); ; step = views.next()) {
    if (step.done) return step.value.exhausted ? "too_costly" : null;
    const { text } = step.value;
    if (values.some((s) => holds(text, s.value))) return "unmaskable";
    // Decoded base64 is mostly noise: folding it costs much and would find values by chance.
    if (throughBase64(step.value)) continue;
    const foldedText = fold(text);
    if (folded.some((value) => holds(foldedText, value))) return "unmaskable";
  }
}

/** Whether `text` shows `value`: anywhere for a maskable value, as a word for a short one. */
const holds = (text: string, value: string): boolean =>
  value.length >= MIN_MASKABLE_LENGTH ? text.includes(value) : standsAloneIn(text, value);

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const isWordCharacter = (c: string | undefined) => c !== undefined && WORD_CHARACTER.test(c);

/**
 * Whether some occurrence of `value` in `text` is not part of a longer run of letters and
 * digits. Anything else borders a word: punctuation, spaces, quotes, "_", a mask's blanks, the
 * text's ends (and half a surrogate pair, which errs towards not showing). Each occurrence is
 * checked on its own, overlapping ones included.
 */
function standsAloneIn(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[at + value.length])) return true;
  }
  return false;
}

// NFKC is the identity on ASCII, which most answers are: skip its cost there.
const fold = (text: string) =>
  (/[\u0080-\uffff]/.test(text) ? text.normalize("NFKC") : text).toLowerCase();

const budgetFor = (text: string) => Math.max(MIN_BUDGET, text.length * BUDGET_PER_CHARACTER);

function distinct(sensitive: readonly Sensitive[]): Sensitive[] {
  const byValue = new Map<string, Sensitive>();
  for (const s of sensitive) if (s.value && !byValue.has(s.value)) byValue.set(s.value, s);
  // Longest first, so a mask names the longest value it covers (a token before a secret in it).
  return [...byValue.values()].sort((a, b) => b.value.length - a.value.length);
}
