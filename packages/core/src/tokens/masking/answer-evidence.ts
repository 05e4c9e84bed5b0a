import type { HttpExchange } from "../../http/send-request.ts";
import type { Judgement } from "../judge-response.ts";
import type { TokenFacts } from "../token-facts.ts";
import { applyHeaderRules } from "./header-rules.ts";
import { MIN_MASKABLE_LENGTH, maskValues, type Sensitive, type Unmasked } from "./mask-values.ts";

export const MAX_STORED_BODY_BYTES = 64 * 1024;
const MAX_HEADER_CHARACTERS = 1024;
const MAX_HEADERS_BYTES = 16 * 1024;
const MAX_MESSAGE_CHARACTERS = 1000;
const MAX_JWT_BYTES = 16 * 1024;

export const NOT_SHOWN = "[not shown: it may hold a secret]";

const NOT_STORED: Record<Unmasked, string> = {
  too_short: `The provider's answer was not stored: a secret or token in it is shorter than ${MIN_MASKABLE_LENGTH} characters, too short to tell from ordinary text.`,
  unmaskable:
    "The provider's answer repeated a secret in a form Authdeck cannot mask; it was not stored.",
  too_costly:
    "The provider's answer was not stored: it holds too many layers of encoding to check for secrets.",
};

const TOKEN_KEYS = ["access_token", "refresh_token", "id_token"] as const;

/**
 * Everything that must not be shown of an exchange: each secret the request carried and each
 * token the answer held, at any depth of a JSON answer.
 */
export function sensitiveValues(
  secretsSent: readonly string[],
  answer: Record<string, unknown> | null,
): Sensitive[] {
  const found: Sensitive[] = secretsSent.map((value) => ({ value, label: "secret" }));
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 8) return;
    for (const [key, inner] of Object.entries(value)) {
      const label = TOKEN_KEYS.find((k) => k === key);
      if (label && typeof inner === "string" && inner) found.push({ value: inner, label });
      else visit(inner, depth + 1);
    }
  };
  visit(answer, 0);
  return found;
}

/**
 * Provider text for a message (an error description, a warning): masked and shortened, or null
 * when it cannot be shown.
 */
export function maskText(text: string, sensitive: readonly Sensitive[]): string | null {
  const masked = maskValues(text, sensitive);
  if (!masked.ok) return null;
  return cut(masked.text, masked.markers, MAX_MESSAGE_CHARACTERS, "characters");
}

type Kept = {
  responseStatus: number;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  responseNote: string | null;
};

/**
 * What a run keeps of a provider's answer: headers, body, the verdict's words or the token's
 * facts, each masked and capped, and a note saying what was left out and why.
 */
export function answerEvidence(
  exchange: HttpExchange,
  judgement: Judgement & { ok: false },
  sensitive: readonly Sensitive[],
): Kept & { errorMessage: string };
export function answerEvidence(
  exchange: HttpExchange,
  judgement: Judgement & { ok: true },
  sensitive: readonly Sensitive[],
): Kept & { tokenFacts: TokenFacts; warnings: string[] };
export function answerEvidence(
  exchange: HttpExchange,
  judgement: Judgement,
  sensitive: readonly Sensitive[],
) {
  const { notes, ...kept } = exchangeEvidence(exchange, sensitive);
  const verdict = judgement.ok
    ? verdictFacts(judgement, sensitive, notes)
    : { errorMessage: failureMessage(judgement, sensitive) };
  return { ...kept, responseNote: notes.length > 0 ? notes.join(" ") : null, ...verdict };
}

/**
 * What may be kept of any answer (a provider's, or an API's when a health check fails): its
 * status, headers and body, each masked and capped, with notes on what was left out and why.
 */
export function exchangeEvidence(exchange: HttpExchange, sensitive: readonly Sensitive[]) {
  const notes: string[] = [];
  const body = bodyEvidence(exchange, sensitive);
  if (body.note) notes.push(body.note);
  const headers: Record<string, string> = {};
  const names = Object.keys(exchange.headers);
  let bytes = 0;
  for (const [kept, name] of names.entries()) {
    const value = headerEvidence(name, exchange.headers[name] ?? "", sensitive);
    bytes += name.length + Buffer.byteLength(value);
    if (bytes > MAX_HEADERS_BYTES) {
      notes.push(
        `Only the first ${kept} of the provider's ${names.length} response headers are kept.`,
      );
      break;
    }
    headers[name] = value;
  }
  return {
    responseStatus: exchange.status,
    responseHeaders: headers,
    responseBody: body.text,
    notes,
  };
}

/** The verdict in words: Authdeck's message, then the provider's own description if any. */
function failureMessage(
  judgement: Judgement & { ok: false },
  sensitive: readonly Sensitive[],
): string {
  const message =
    maskText(judgement.message, sensitive) ??
    "The provider's answer is not shown: it may hold a secret";
  if (judgement.description === null) return message;
  const description = maskText(judgement.description, sensitive);
  return description === null
    ? `${message} (the provider's description is not shown: it may hold a secret)`
    : `${message}: ${description}`;
}

function verdictFacts(
  judgement: Judgement & { ok: true },
  sensitive: readonly Sensitive[],
  notes: string[],
) {
  const { facts } = judgement;
  const shown = (text: string | null) =>
    text === null ? null : (maskText(text, sensitive) ?? NOT_SHOWN);
  const jwt =
    facts.jwt && Buffer.byteLength(JSON.stringify(facts.jwt)) > MAX_JWT_BYTES ? null : facts.jwt;
  if (facts.jwt && !jwt) notes.push("The token's JWT header and claims are too large to keep.");
  const tokenFacts: TokenFacts = {
    ...facts,
    tokenType: shown(facts.tokenType),
    grantedScope: shown(facts.grantedScope),
    jwt: jwt && maskStrings(jwt, sensitive),
  };
  return {
    tokenFacts,
    warnings: judgement.warnings.map(
      (warning) =>
        maskText(warning, sensitive) ??
        "A warning is not shown: it quoted something that may hold a secret",
    ),
  };
}

/** Every string in a decoded JWT's header and claims masked. */
function maskStrings<T>(value: T, sensitive: readonly Sensitive[]): T {
  const visit = (inner: unknown): unknown => {
    if (typeof inner === "string") return maskText(inner, sensitive) ?? NOT_SHOWN;
    if (Array.isArray(inner)) return inner.map(visit);
    if (inner && typeof inner === "object") {
      return Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, visit(v)]));
    }
    return inner;
  };
  return visit(value) as T;
}

function headerEvidence(name: string, value: string, sensitive: readonly Sensitive[]): string {
  const masked = maskValues(applyHeaderRules(name, value), sensitive);
  if (!masked.ok) return NOT_SHOWN;
  return cut(masked.text, masked.markers, MAX_HEADER_CHARACTERS, "characters");
}

function bodyEvidence(
  exchange: HttpExchange,
  sensitive: readonly Sensitive[],
): { text: string | null; note: string | null } {
  const encoding = exchange.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    return {
      text: null,
      note: "The provider's answer was not stored: it is compressed (Content-Encoding), so Authdeck cannot check it for secrets.",
    };
  }
  const masked = maskValues(exchange.body, sensitive);
  if (!masked.ok) return { text: null, note: NOT_STORED[masked.reason] };
  const kept = cutToBytes(masked.text, masked.markers, MAX_STORED_BODY_BYTES);
  if (kept.length === masked.text.length) return { text: masked.text, note: null };
  const size = Buffer.byteLength(exchange.body).toLocaleString("en-US");
  return {
    text: kept,
    note: `Only the first ${MAX_STORED_BODY_BYTES / 1024} KiB of the provider's ${size}-byte answer are kept.`,
  };
}

/** `text` shortened to `max` characters, never inside a mask, saying how long it was. */
function cut(text: string, markers: Array<[number, number]>, max: number, unit: string): string {
  if (text.length <= max) return text;
  const inside = markers.find(([start, end]) => start < max && max < end);
  const end = inside ? inside[0] : safeEnd(text, max);
  return `${text.slice(0, end)}… (${text.length.toLocaleString("en-US")} ${unit} in all)`;
}

/** The longest start of `text` within `maxBytes` of UTF-8, never inside a mask. */
function cutToBytes(text: string, markers: Array<[number, number]>, maxBytes: number): string {
  if (text.length <= maxBytes / 3 || Buffer.byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const unit = text.charCodeAt(end);
    const pair = unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(end + 1));
    const size = pair ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += pair ? 2 : 1;
  }
  const inside = markers.find(([start, stop]) => start < end && end < stop);
  return text.slice(0, inside ? inside[0] : end);
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

// Never between the two halves of a surrogate pair.
const safeEnd = (text: string, end: number) =>
  isLowSurrogate(text.charCodeAt(end)) ? end - 1 : end;
