// @module-tag resilience
import { describe, expect, it } from "vitest";
import { confinePath, PathRefused } from "../../src/api-calls/confine-path.ts";

const refused = (path: string) => {
  try {
    confinePath(path);
  } catch (error) {
    if (error instanceof PathRefused) return error.message;
    throw error;
  }
  return null;
};

describe("confinePath", () => {
  it.each([
    ["", ""],
    ["/", "/"],
    ["/v1/items", "/v1/items"],
    ["/v1/items/", "/v1/items/"],
    ["/v1/files/a%20b.txt", "/v1/files/a%20b.txt"],
    ["/v1/projects/p1:batchGet", "/v1/projects/p1:batchGet"],
    ["/v1/orders/%7Bregion%7D/list", "/v1/orders/%7Bregion%7D/list"],
    ["/v1/.well-known/thing", "/v1/.well-known/thing"],
    ["/v1/a..b", "/v1/a..b"],
  ])("keeps %j as sent", (path, kept) => {
    expect(confinePath(path)).toBe(kept);
  });

  it.each([
    ["a dot-dot segment", "/v1/../admin"],
    ["a trailing dot-dot", "/v1/.."],
    ["a dot segment", "/v1/./items"],
    ["an encoded dot-dot", "/v1/%2e%2e/admin"],
    ["an encoded dot-dot in capitals", "/v1/%2E%2E/admin"],
    ["a half-encoded dot-dot", "/v1/.%2E/admin"],
    ["a double-encoded dot-dot", "/v1/%252e%252e/admin"],
    ["a triple-encoded dot-dot", "/v1/%25252e%25252e/admin"],
    ["an encoded slash", "/v1/a%2Fb"],
    ["an encoded slash in lower case", "/v1/a%2fb"],
    ["a double-encoded slash", "/v1/a%252Fb"],
    ["an encoded backslash", "/v1/a%5Cb"],
    ["a backslash", "/v1\\..\\admin"],
    ["another host after //", "//other.example/x"],
    ["an empty segment", "/v1//items"],
    ["an absolute URL", "/https://other.example/x"],
    ["an absolute URL without slash", "https://other.example/x"],
    ["an @", "/v1/user@other.example"],
    ["an encoded @", "/v1/user%40other.example"],
    ["a CR LF", "/v1/items\r\nHost: other.example"],
    ["an encoded CR LF", "/v1/items%0D%0AHost:%20other.example"],
    ["a NUL", "/v1/items%00"],
    ["a tab", "/v1/it\tems"],
    ["a DEL", "/v1/items%7F"],
    ["a query mark", "/v1/items?x=1"],
    ["a fragment", "/v1/items#x"],
    ["a space", "/v1/my items"],
    ["a broken percent-escape", "/v1/items%zz"],
    ["percent-encoding that is not UTF-8", "/v1/%ff"],
    ["encoding nested too deep", "/v1/%2525252525252e"],
  ])("refuses %s", (_, path) => {
    expect(refused(path)).toEqual(expect.any(String));
  });

  it("says why in words", () => {
    expect(refused("/v1/%252e%252e/admin")).toMatch(/\.\. segment/);
    expect(refused("/v1/a%2Fb")).toMatch(/encoded \//);
    expect(refused("//other.example")).toMatch(/empty segment/);
  });
});
