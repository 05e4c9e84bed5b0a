import { DecodingMode, HtmlEntityDecoder } from "entities/decode";

/**
 * A text decoded from its parent view (JSON escapes, HTML entities, percent-encoding, base64),
 * keeping the way back: each decoded piece knows the characters of the parent it came from,
 * so a value found in a view can be masked at exact positions in the original.
 */
export type View = {
  text: string;
  parent: View | null;
  /**
   * The decoded pieces, four numbers each: start and end in `text`, start and end in the parent.
   * Between pieces, `text` is the parent's text copied one to one.
   */
  pieces: Int32Array;
  decoder: DecoderName | null;
};

export type DecoderName = "json" | "html" | "percent" | "form" | "base64";

const EMPTY = new Int32Array(0);

export const originalView = (text: string): View => ({
  text,
  parent: null,
  pieces: EMPTY,
  decoder: null,
});

class ViewBuilder {
  private text = "";
  private pieces = EMPTY;
  private count = 0;
  private copiedTo = 0;

  /** With `decodedOnly`, the view holds the pieces alone, without the text between them. */
  constructor(
    private readonly parent: View,
    private readonly decodedOnly = false,
  ) {}

  /** `decoded` stands for the parent's characters [from, to); what lies before it is copied. */
  piece(decoded: string, from: number, to: number) {
    if (from > this.copiedTo && !this.decodedOnly) this.copy(from);
    if (this.count + 4 > this.pieces.length) {
      const grown = new Int32Array(Math.max(64, this.pieces.length * 2));
      grown.set(this.pieces);
      this.pieces = grown;
    }
    this.pieces[this.count++] = this.text.length;
    this.text += decoded;
    this.pieces[this.count++] = this.text.length;
    this.pieces[this.count++] = from;
    this.pieces[this.count++] = to;
    this.copiedTo = to;
  }

  private copy(to: number) {
    this.text += this.parent.text.slice(this.copiedTo, to);
    this.copiedTo = to;
  }

  /** The view, or null when nothing was decoded (it would equal its parent). */
  build(decoder: DecoderName): View | null {
    if (this.count === 0) return null;
    if (!this.decodedOnly) this.copy(this.parent.text.length);
    return {
      text: this.text,
      parent: this.parent,
      pieces: this.pieces.slice(0, this.count),
      decoder,
    };
  }
}

/** The parent characters behind `view.text[at]`. */
function parentSpan(view: View, at: number): [number, number] {
  const { pieces } = view;
  let low = 0;
  let high = pieces.length / 4 - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((pieces[middle * 4] ?? 0) <= at) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return [at, at + 1];
  const [end = 0, from = 0, to = 0] = pieces.subarray(found * 4 + 1, found * 4 + 4);
  if (at < end) return [from, to];
  const copied = to + (at - end);
  return [copied, copied + 1];
}

/** The characters of the original text behind `view.text.slice(start, end)`. */
export function originalSpan(view: View, start: number, end: number): [number, number] {
  let span: [number, number] = [start, end];
  for (let v: View = view; v.parent; v = v.parent) {
    span = [parentSpan(v, span[0])[0], parentSpan(v, span[1] - 1)[1]];
  }
  return span;
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  "'": "'",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
/** The number written by `digits` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    const letter = c | 0x20;
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : letter >= 0x61 && letter <= 0x66 ? letter - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** JSON string escapes (`\/`, `\u00e9`, `\n`...), and `\xHH` as some languages write it. */
function decodeJson(view: View): View | null {
  const { text } = view;
  const out = new ViewBuilder(view);
  for (let at = text.indexOf("\\"); at >= 0; at = text.indexOf("\\", at)) {
    const next = text[at + 1] ?? "";
    const simple = JSON_ESCAPES[next];
    if (simple !== undefined) {
      out.piece(simple, at, at + 2);
      at += 2;
    } else if (next === "u" && hexAt(text, at + 2, 4) >= 0) {
      out.piece(String.fromCharCode(hexAt(text, at + 2, 4)), at, at + 6);
      at += 6;
    } else if (next === "x" && hexAt(text, at + 2, 2) >= 0) {
      out.piece(String.fromCharCode(hexAt(text, at + 2, 2)), at, at + 4);
      at += 4;
    } else {
      at += 1;
    }
  }
  return out.build("json");
}

const NUMERIC_REFERENCE = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?/y;

/**
 * `&#233;` or `&#xe9;` as the code point it names. Unlike a browser, no Windows-1252 remapping
 * of 128-159 and surrogates kept as they are: encoders write the character they mean.
 */
function numericReference(text: string, at: number): { char: string; end: number } | null {
  NUMERIC_REFERENCE.lastIndex = at;
  const match = NUMERIC_REFERENCE.exec(text);
  if (!match) return null;
  const codePoint = match[1] ? Number.parseInt(match[1], 16) : Number(match[2]);
  if (codePoint > 0x10ffff) return null;
  const char =
    codePoint >= 0xd800 && codePoint <= 0xdfff
      ? String.fromCharCode(codePoint)
      : String.fromCodePoint(codePoint);
  return { char, end: at + match[0].length };
}

/** HTML character references: named (with or without `;`), decimal and hexadecimal. */
function decodeHtml(view: View): View | null {
  const { text } = view;
  const out = new ViewBuilder(view);
  let codePoints: number[] = [];
  const named = new HtmlEntityDecoder((codePoint) => codePoints.push(codePoint));
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", at)) {
    const numeric = text[at + 1] === "#" ? numericReference(text, at) : null;
    if (numeric) {
      out.piece(numeric.char, at, numeric.end);
      at = numeric.end;
      continue;
    }
    codePoints = [];
    named.startEntity(DecodingMode.Legacy);
    let consumed = named.write(text, at + 1);
    if (consumed < 0) consumed = named.end();
    if (consumed > 0 && codePoints.length > 0) {
      out.piece(String.fromCodePoint(...codePoints), at, at + consumed);
      at += consumed;
    } else {
      at += 1;
    }
  }
  return out.build("html");
}

const percentByteAt = (text: string, at: number) =>
  text.charCodeAt(at) === 0x25 ? hexAt(text, at + 1, 2) : -1;

/** How many bytes the UTF-8 sequence starting with `lead` has, and which second bytes fit. */
function utf8Shape(lead: number): { size: number; low: number; high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { size: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { size: 3, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { size: 3, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { size: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { size: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { size: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { size: 4, low: 0x80, high: 0x8f };
  return null;
}

/**
 * One character from `%XX` escapes at `at`: a UTF-8 sequence, or a single byte read as
 * Latin-1 (older encoders) when no sequence starts there. Null when `at` holds no escape.
 */
function percentCharacter(text: string, at: number): { char: string; end: number } | null {
  const lead = percentByteAt(text, at);
  if (lead < 0) return null;
  const single = { char: String.fromCharCode(lead), end: at + 3 };
  const shape = utf8Shape(lead);
  if (!shape) return single;
  let codePoint = lead & (0xff >> (shape.size + 1));
  for (let i = 1; i < shape.size; i++) {
    const byte = percentByteAt(text, at + 3 * i);
    const [low, high] = i === 1 ? [shape.low, shape.high] : [0x80, 0xbf];
    if (byte < low || byte > high) return single;
    codePoint = (codePoint << 6) | (byte & 0x3f);
  }
  return { char: String.fromCodePoint(codePoint), end: at + 3 * shape.size };
}

/** Percent-encoding in either case; with `plusIsSpace`, also `+` for a space (forms). */
function decodePercent(view: View, plusIsSpace: boolean): View | null {
  const { text } = view;
  const out = new ViewBuilder(view);
  // Where the next "%" and "+" are, each searched again only once passed.
  let percent = text.indexOf("%");
  let plus = plusIsSpace ? text.indexOf("+") : -1;
  const next = (from: number) => {
    if (percent >= 0 && percent < from) percent = text.indexOf("%", from);
    if (plus >= 0 && plus < from) plus = text.indexOf("+", from);
    return percent < 0 ? plus : plus < 0 ? percent : Math.min(percent, plus);
  };
  for (let at = next(0); at >= 0; at = next(at)) {
    if (text[at] === "+") {
      out.piece(" ", at, at + 1);
      at += 1;
      continue;
    }
    const decoded = percentCharacter(text, at);
    if (decoded) out.piece(decoded.char, at, decoded.end);
    at = decoded ? decoded.end : at + 1;
  }
  return out.build(plusIsSpace ? "form" : "percent");
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
const utf8 = new TextDecoder("utf-8");

/**
 * The stretches of `decoded` that read as printable text for at least MIN_TEXT characters (the
 * shortest value masked, MIN_MASKABLE_LENGTH): decoded base64 that is not all valid UTF-8 (a
 * word that only looks like base64, a run decoded from the wrong start, binary data) is kept
 * only there, as the rest is noise in which shorter values occur by chance.
 */
const MIN_TEXT = 8;
function printableStretches(decoded: string, into: string[]) {
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    const unit = i < decoded.length ? decoded.charCodeAt(i) : 0;
    const printable =
      unit !== 0xfffd &&
      unit !== 0x7f &&
      (unit >= 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d);
    if (printable) continue;
    if (i - start >= MIN_TEXT) into.push(decoded.slice(start, i));
    start = i + 1;
  }
}

/** Decodings of base64 runs by run: views of one text share most of their runs. */
export type Base64Cache = Map<string, string>;

/**
 * Every run of base64 (standard or URL-safe, padded or not) decoded as UTF-8 from each of its
 * four possible starts, since a run may begin with characters that are not part of the
 * encoding. The view holds the decodings alone, each mapping back to its whole run.
 */
function decodeBase64(view: View, cache: Base64Cache): View | null {
  const out = new ViewBuilder(view, true);
  for (const match of view.text.matchAll(BASE64_RUN)) {
    let decoded = cache.get(match[0]);
    if (decoded === undefined) {
      decoded = decodeRun(match[0].replace(/=+$/, ""));
      cache.set(match[0], decoded);
    }
    if (decoded) out.piece(decoded, match.index, match.index + match[0].length);
  }
  return out.build("base64");
}

function decodeRun(run: string): string {
  const texts: string[] = [];
  for (let skip = 0; skip < 4 && run.length - skip >= 8; skip++) {
    const decoded = utf8.decode(Buffer.from(run.slice(skip), "base64"));
    if (!decoded.includes("\ufffd")) texts.push(decoded);
    else printableStretches(decoded, texts);
  }
  return texts.length > 0 ? `${texts.join("\0")}\0` : "";
}

const DECODERS: Array<[DecoderName, (view: View, cache: Base64Cache) => View | null]> = [
  ["json", decodeJson],
  ["html", decodeHtml],
  ["percent", (view) => decodePercent(view, false)],
  ["form", (view) => decodePercent(view, true)],
  ["base64", decodeBase64],
];

/** How deep decodings are chained: a JSON string holding base64 of a form, say. */
export const MAX_DEPTH = 3;

/**
 * The original and every distinct view reachable by chaining up to MAX_DEPTH decoders, breadth
 * first. Stops with `exhausted` once the views hold more than `budget` characters in all: a
 * text built to make checking costly is not checked further.
 */
export function* viewsOf(
  text: string,
  budget: number,
  cache: Base64Cache = new Map(),
): Generator<View, { exhausted: boolean }, undefined> {
  const root = originalView(text);
  yield root;
  const seen = new Set([text]);
  let spent = text.length;
  let level: View[] = [root];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const next: View[] = [];
    for (const view of level) {
      for (const [, decode] of DECODERS) {
        const child = decode(view, cache);
        if (!child || seen.has(child.text)) continue;
        spent += child.text.length;
        if (spent > budget) return { exhausted: true };
        seen.add(child.text);
        next.push(child);
        yield child;
      }
    }
    level = next;
  }
  return { exhausted: false };
}

/** Whether base64 was decoded on the way to this view. */
export const throughBase64 = (view: View) => {
  for (let v: View | null = view; v; v = v.parent) if (v.decoder === "base64") return true;
  return false;
};
