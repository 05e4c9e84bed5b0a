import { describe, expect, it } from "vitest";
import { judgeResponse } from "../../src/tokens/judge-response.ts";

const NOW = new Date("2026-12-07T01:00:00Z");
const answer = (tokenType: string) => ({
  status: 200,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify({ access_token: "at-1", token_type: tokenType, expires_in: 300 }),
  durationMs: 5,
});
const warningsOf = (tokenType: string, expected?: "Bearer" | "DPoP") => {
  const judged = judgeResponse(answer(tokenType), null, NOW, expected);
  if (!judged.ok) throw new Error("expected a token");
  return judged.warnings.filter((w) => w.startsWith("token_type"));
};

describe("the token type a request asked for (RFC 9449 §5)", () => {
  it("a DPoP request expects token_type DPoP, and warns of a Bearer (unbound) token", () => {
    expect(warningsOf("DPoP", "DPoP")).toEqual([]);
    expect(warningsOf("Bearer", "DPoP")).toEqual(['token_type is "Bearer", not DPoP']);
  });

  it("a request without a proof still expects Bearer", () => {
    expect(warningsOf("bearer")).toEqual([]);
    expect(warningsOf("DPoP")).toEqual(['token_type is "DPoP", not Bearer']);
  });
});
