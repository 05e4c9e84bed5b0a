// @module-tag resilience
import { decodeHTML, encodeHTML } from "entities";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MIN_MASKABLE_LENGTH,
  maskValues,
  type Sensitive,
} from "../../src/tokens/masking/mask-values.ts";

const secret = (value: string): Sensitive => ({ value, label: "secret" });
const SECRET = "canary/sécret&<x> +5b1f";

const hex4 = (unit: number, upper = false) => {
  const digits = unit.toString(16).padStart(4, "0");
  return `\\u${upper ? digits.toUpperCase() : digits}`;
};
const jsonInner = (value: string) => JSON.stringify(value).slice(1, -1);
const utf8Bytes = (value: string) => [...Buffer.from(value, "utf8")];

/** A way servers spell a value, with a decoder written apart from the masker's. */
type Encoding = {
  name: string;
  encode: (value: string) => string;
  decode: (text: string) => string;
};

const ENCODINGS: Encoding[] = [
  { name: "raw", encode: (v) => v, decode: (t) => t },
  { name: "JSON", encode: jsonInner, decode: (t) => JSON.parse(`"${t}"`) },
  {
    name: "PHP JSON",
    encode: (v) =>
      jsonInner(v)
        .replace(/\//g, "\\/")
        .replace(/[^\x20-\x7e]/g, (c) => hex4(c.charCodeAt(0))),
    decode: (t) => JSON.parse(`"${t}"`),
  },
  {
    name: "Python JSON",
    encode: (v) => jsonInner(v).replace(/[^\x20-\x7e]/g, (c) => hex4(c.charCodeAt(0))),
    decode: (t) => JSON.parse(`"${t}"`),
  },
  {
    name: "JSON, every character escaped in mixed case",
    encode: (v) =>
      v
        .split("")
        .map((unit, i) => hex4(unit.charCodeAt(0), i % 2 === 0))
        .join(""),
    decode: (t) => JSON.parse(`"${t}"`),
  },
  { name: "HTML named entities", encode: encodeHTML, decode: decodeHTML },
  {
    name: "HTML decimal entities",
    encode: (v) =>
      [...v].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join(""),
    decode: decodeHTML,
  },
  {
    name: "HTML hex entities",
    encode: (v) => [...v].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(""),
    decode: decodeHTML,
  },
  { name: "percent-encoding", encode: encodeURIComponent, decode: decodeURIComponent },
  {
    name: "lowercase percent-encoding of every byte",
    encode: (v) =>
      utf8Bytes(v)
        .map((b) => `%${b.toString(16).padStart(2, "0")}`)
        .join(""),
    decode: decodeURIComponent,
  },
  {
    name: "form encoding",
    encode: (v) => new URLSearchParams([["", v]]).toString().slice(1),
    decode: (t) => new URLSearchParams(`v=${t}`).get("v") ?? "",
  },
  {
    name: "base64",
    encode: (v) => Buffer.from(v).toString("base64"),
    decode: (t) => Buffer.from(t, "base64").toString("utf8"),
  },
  {
    name: "base64url",
    encode: (v) => Buffer.from(v).toString("base64url"),
    decode: (t) => Buffer.from(t, "base64url").toString("utf8"),
  },
];
const byName = (name: string) => ENCODINGS.find((e) => e.name === name)!;

describe("maskValues", () => {
  it.each(ENCODINGS.map((e) => [e.name, e] as const))(
    "masks a secret repeated in %s",
    (_, encoding) => {
      const body = `{"error":"invalid_client","echo":"${encoding.encode(SECRET)}"}`;
      const result = maskValues(body, [secret(SECRET)]);

      expect(result).toMatchObject({ ok: true });
      const text = result.ok ? result.text : "";
      expect(text).toBe('{"error":"invalid_client","echo":"[secret redacted]"}');
    },
  );

  it("masks Basic credentials: base64 of the form-encoded client id and secret, in PHP JSON", () => {
    const form = byName("form encoding").encode;
    const basic = Buffer.from(`${form("client:1")}:${form(SECRET)}`).toString("base64");
    const result = maskValues(`{"authorization":"Basic ${basic.replace(/\//g, "\\/")}"}`, [
      secret(SECRET),
    ]);

    expect(result).toEqual({
      ok: true,
      text: '{"authorization":"Basic [secret redacted]"}',
      markers: [[24, 41]],
    });
  });

  it("leaves a text holding no value as it is", () => {
    const text = '{"error":"invalid_client","error_description":"Unknown client"}';
    expect(maskValues(text, [secret(SECRET)])).toEqual({ ok: true, text, markers: [] });
  });

  it("refuses a text holding a value too short to tell from ordinary text", () => {
    expect(
      maskValues('{"access_token":"a","padding":"aaaa"}', [{ value: "a", label: "access_token" }]),
    ).toEqual({
      ok: false,
      reason: "too_short",
    });
    const clean = '{"token_type":"Bearer"}';
    expect(maskValues(clean, [{ value: "xyz", label: "access_token" }])).toEqual({
      ok: true,
      text: clean,
      markers: [],
    });
  });

  it("leaves a short value inside longer words as it is, and refuses a text where it stands alone", () => {
    const words =
      '{"error_description":"Client authentication failed: see the Authorization header"}';
    expect(maskValues(words, [secret("auth")])).toEqual({ ok: true, text: words, markers: [] });
    for (const text of [
      "bad secret auth.",
      "client_secret=auth&scope=read",
      '{"secret":"auth"}',
      `Basic ${Buffer.from("client:auth").toString("base64")}`,
    ]) {
      expect(maskValues(text, [secret("auth")]), text).toEqual({ ok: false, reason: "too_short" });
    }
    // Only in another case: found by the check of the folded text, which maps nothing back.
    expect(maskValues("bad secret AUTH", [secret("auth")])).toEqual({
      ok: false,
      reason: "unmaskable",
    });
  });

  it("refuses a text holding a secret in a form it cannot map back: other case, compatibility characters", () => {
    expect(maskValues(`bad secret ${SECRET.toUpperCase()}`, [secret(SECRET)])).toEqual({
      ok: false,
      reason: "unmaskable",
    });
    const fullwidth = [...SECRET]
      .map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join("");
    expect(maskValues(`bad secret ${fullwidth}`, [secret(SECRET)])).toEqual({
      ok: false,
      reason: "unmaskable",
    });
  });

  it("refuses to check a text against more values than it can search in time", () => {
    const tokens = Array.from({ length: 101 }, (_, i) => ({
      value: `nested-token-${i}-0123456789`,
      label: "access_token" as const,
    }));
    expect(maskValues(JSON.stringify(tokens), tokens)).toEqual({ ok: false, reason: "too_costly" });
    expect(maskValues(JSON.stringify(tokens), tokens.slice(0, 100))).toMatchObject({ ok: true });
  });

  it("masks a token repeated 80,000 times in one pass, with masks no longer than it", () => {
    const token = "tok_12345678";
    const body = `{"access_token":"${token}","log":"${token.repeat(80_000)}"}`;
    const started = performance.now();
    const result = maskValues(body, [{ value: token, label: "access_token" }]);

    expect(result).toMatchObject({ ok: true });
    const text = result.ok ? result.text : "";
    expect(text).toBe(
      '{"access_token":"[redacted]","log":"[access_token redacted, 12 characters]"}',
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("never shows a short random value standing alone, in one or two layers of random encodings", () => {
    // Printable text, at least 8 characters in all: decoded base64 is read only where it makes
    // such a stretch (the rest is noise in which short values occur by chance).
    const value = fc.string({
      unit: "grapheme-ascii",
      minLength: 1,
      maxLength: MIN_MASKABLE_LENGTH - 1,
    });
    const context = fc.string({ unit: "grapheme-ascii", minLength: 4, maxLength: 30 });
    const encoding = fc.constantFrom(...ENCODINGS);
    fc.assert(
      fc.property(value, context, context, encoding, encoding, (s, before, after, inner, outer) => {
        const body = outer.encode(inner.encode(`${before} ${s} ${after}`));
        expect(maskValues(body, [secret(s)]), `${inner.name} in ${outer.name}`).toMatchObject({
          ok: false,
        });
      }),
      { numRuns: 400 },
    );
  });

  it("never leaves a random secret readable in one or two layers of random encodings, around random text", () => {
    const value = fc
      .string({ unit: "binary", minLength: MIN_MASKABLE_LENGTH, maxLength: 40 })
      .filter((v) => v.length >= MIN_MASKABLE_LENGTH && !v.includes("\0"));
    const context = fc.string({ unit: "binary", maxLength: 30 }).filter((v) => !v.includes("\0"));
    const encoding = fc.constantFrom(...ENCODINGS);
    fc.assert(
      fc.property(value, context, context, encoding, encoding, (s, before, after, inner, outer) => {
        const fold = (t: string) => t.normalize("NFKC").toLowerCase();
        fc.pre(!fold(before + after).includes(fold(s)));
        const body = outer.encode(inner.encode(`${before}${s}${after}`));
        const result = maskValues(body, [secret(s)]);

        expect(result, `${inner.name} in ${outer.name}`).toMatchObject({ ok: true });
        const text = result.ok ? result.text : "";
        expect(text.length).toBeLessThanOrEqual(body.length);
        for (const spelling of [s, inner.encode(s), outer.encode(inner.encode(s))]) {
          expect(text).not.toContain(spelling);
        }
        let decoded: string | null = null;
        try {
          decoded = inner.decode(outer.decode(text));
        } catch {
          // A decoder of the test's own may refuse what masking left; the spellings were checked.
        }
        if (decoded !== null) expect(decoded).not.toContain(s);
      }),
      { numRuns: 400 },
    );
  });
});
