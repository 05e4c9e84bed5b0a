// @module-tag resilience
import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next.ts";

describe("safeNext", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNext("/t/team-1/members")).toBe("/t/team-1/members");
    expect(safeNext("/t/team-1?tab=keys#new")).toBe("/t/team-1?tab=keys#new");
  });

  it.each([
    ["nothing", undefined],
    ["an absolute URL", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash that browsers read as a slash", "/\\evil.example"],
    // Browsers drop tabs and line breaks from URLs, so these become //evil.example.
    ["a tab between the slashes", "/\t/evil.example"],
    ["a line feed between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["dot segments that leave two slashes", "/.//evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "evil.example"],
  ])("sends %s home", (_, next) => {
    expect(safeNext(next)).toBe("/");
  });

  it("never answers a control character, which would break the Location header", () => {
    for (const next of ["/a\nb", "/a\rb", "/a\tb", "/a\u0000b", "/a\u007fb"]) {
      expect(safeNext(next)).not.toMatch(/\p{Cc}/u);
      expect(safeNext(next).startsWith("/")).toBe(true);
    }
  });
});
