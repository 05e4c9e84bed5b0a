// @module-tag resilience
import { describe, expect, it } from "vitest";
import type { HttpExchange } from "../../src/http/send-request.ts";
import { judgeResponse, parseAnswer } from "../../src/tokens/judge-response.ts";
import {
  answerEvidence,
  NOT_SHOWN,
  sensitiveValues,
} from "../../src/tokens/masking/answer-evidence.ts";

const SECRET = "canary-secret-5b1f7e";
const now = new Date("2030-01-01T00:00:00Z");

const exchange = (over: Partial<HttpExchange>): HttpExchange => ({
  status: 200,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: "",
  durationMs: 1,
  ...over,
});

/** The evidence a run keeps of a failing `answer`, judged as the worker judges it. */
function failureEvidence(answer: HttpExchange) {
  const judgement = judgeResponse(answer, "read", now);
  if (judgement.ok) throw new Error("expected a failing answer");
  return answerEvidence(answer, judgement, sensitiveValues([SECRET], parseAnswer(answer)));
}

/** The evidence a run keeps of a token `answer`. */
function successEvidence(answer: HttpExchange) {
  const judgement = judgeResponse(answer, "read", now);
  if (!judgement.ok) throw new Error(`expected a token: ${judgement.message}`);
  return answerEvidence(answer, judgement, sensitiveValues([SECRET], parseAnswer(answer)));
}

const jwt = (claims: Record<string, unknown>) =>
  [{ alg: "none" }, claims, "sig"]
    .map((part) =>
      typeof part === "string" ? part : Buffer.from(JSON.stringify(part)).toString("base64url"),
    )
    .join(".");

describe("answerEvidence", () => {
  it("stores no compressed body, which cannot be checked for secrets", () => {
    const kept = failureEvidence(
      exchange({
        status: 400,
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: "\u001f\ufffd\b\u0000binary",
      }),
    );
    expect(kept.responseBody).toBeNull();
    expect(kept.responseNote).toBe(
      "The provider's answer was not stored: it is compressed (Content-Encoding), so Authdeck cannot check it for secrets.",
    );
  });

  it("caps each header value and the headers in all", () => {
    const headers: Record<string, string> = { "x-long": "v".repeat(5_000) };
    for (let i = 0; i < 40; i++) headers[`x-filler-${i}`] = "f".repeat(1_000);
    const kept = failureEvidence(exchange({ status: 500, headers, body: "" }));

    expect(kept.responseHeaders["x-long"]).toBe(`${"v".repeat(1024)}… (5,000 characters in all)`);
    const names = Object.keys(kept.responseHeaders);
    expect(names.length).toBeLessThan(41);
    expect(JSON.stringify(kept.responseHeaders).length).toBeLessThan(17 * 1024);
    expect(kept.responseNote).toBe(
      `Only the first ${names.length} of the provider's 41 response headers are kept.`,
    );
  });

  it("masks a secret the token's claims, granted scope and warnings repeat", () => {
    const token = jwt({ sub: "client-1", echo: `secret=${SECRET}`, exp: 1_900_000_000 });
    const kept = successEvidence(
      exchange({
        body: JSON.stringify({
          access_token: token,
          token_type: "Bearer",
          expires_in: 60,
          scope: `read ${SECRET}`,
        }),
      }),
    );

    expect(JSON.stringify(kept)).not.toContain(SECRET);
    expect(kept.tokenFacts.jwt?.claims).toMatchObject({
      sub: "client-1",
      echo: "secret=[secret redacted]",
    });
    expect(kept.tokenFacts.grantedScope).toBe("read [secret redacted]");
    expect(kept.warnings).toContain(
      'Granted scope "read [secret redacted]" differs from the requested "read"',
    );
  });

  it("keeps no JWT claims too large to keep, and says so", () => {
    const token = jwt({ sub: "client-1", blob: "x".repeat(20_000) });
    const kept = successEvidence(
      exchange({
        body: JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 60 }),
      }),
    );
    expect(kept.tokenFacts.jwt).toBeNull();
    expect(kept.responseNote).toBe("The token's JWT header and claims are too large to keep.");
  });

  it("masks tokens nested in a JSON answer, and a header value it cannot check", () => {
    const nested = "nested-token-8f3e2a91";
    const kept = failureEvidence(
      exchange({
        status: 400,
        headers: { "x-debug": `${SECRET.toUpperCase()}` },
        body: JSON.stringify({ error: "invalid_request", data: { access_token: nested } }),
      }),
    );
    expect(kept.responseBody).toBe(
      // The token is 21 characters: the mask is never longer than what it replaces.
      '{"error":"invalid_request","data":{"access_token":"[redacted]"}}',
    );
    expect(kept.responseHeaders["x-debug"]).toBe(NOT_SHOWN);
  });
});
