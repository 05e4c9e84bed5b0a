import fc from "fast-check";

type Path = ReadonlyArray<string | number>;

/** Values that have broken parsers, queries and renderers before, next to arbitrary ones. */
const NASTY_VALUES: unknown[] = [
  "",
  " ",
  "\u0000",
  "\uD800",
  "a".repeat(100_000),
  "💥".repeat(300),
  "../../etc/passwd",
  "' OR '1'='1",
  "{tenant}",
  "__proto__",
  "constructor",
  "javascript:alert(1)",
  "http://169.254.169.254/latest/meta-data",
  "00000000-0000-0000-0000-000000000000",
  -1,
  0,
  2 ** 53,
  1e308,
  true,
  null,
  [],
  {},
  // Objects that String() and template literals cannot turn into text.
  { toString: null },
  { toString: false, valueOf: null },
];

/** Any value: arbitrary JSON, nasty constants, uuids, and `related` ids of other real objects. */
export const anyValue = (related: readonly string[] = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: "grapheme", maxLength: 300 }),
    fc.constantFrom(...NASTY_VALUES),
    fc.uuid(),
    fc.integer(),
    ...(related.length > 0 ? [fc.constantFrom(...related)] : []),
  );

/** Every path into `value`, the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (isRecord(value))
    return [at, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  return [at];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Own properties only, so a key like "__proto__" is data and never a prototype.
function put(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const shallowCopy = (value: unknown) =>
  (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = shallowCopy(value);
  put(copy, head, setAt(copy[head], rest, replacement));
  return copy;
}

function deleteAt(value: unknown, path: Path): unknown {
  const [head, ...rest] = path as [string | number, ...Path];
  if (rest.length > 0) {
    const copy = shallowCopy(value);
    put(copy, head, deleteAt(copy[head], rest));
    return copy;
  }
  if (Array.isArray(value)) return value.filter((_, i) => i !== head);
  const { [head]: _dropped, ...others } = value as Record<string | number, unknown>;
  return others;
}

/**
 * Variations of a valid input: one value anywhere replaced, one key or item removed, one unknown
 * key added, or the whole input swapped for anything at all.
 */
export function mutationsOf(
  valid: unknown,
  related: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const inner = paths.filter((p) => p.length > 0);
  const objects = paths.filter((p) =>
    isRecord(p.reduce<unknown>((v, k) => (v as never)[k], valid)),
  );
  const value = anyValue(related);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...paths), value).map(([path, v]) => setAt(valid, path, v)),
    ...(inner.length > 0 ? [fc.constantFrom(...inner).map((path) => deleteAt(valid, path))] : []),
    ...(objects.length > 0
      ? [
          fc
            .tuple(fc.constantFrom(...objects), fc.string({ maxLength: 20 }), value)
            .map(([path, key, v]) => setAt(valid, [...path, key], v)),
        ]
      : []),
  );
}

/** Bodies and query strings that are not what any client of ours sends. */
export const rawEnvelope: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }))
    .map(([json, meta]) => JSON.stringify({ json, meta })),
  fc.jsonValue({ maxDepth: 2 }).map((json) =>
    JSON.stringify({
      json,
      meta: { values: { "": ["map"], x: ["set"], "__proto__.a": ["Date"] } },
    }),
  ),
);
