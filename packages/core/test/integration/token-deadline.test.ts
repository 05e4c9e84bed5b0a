// @module-tag resilience
import { describe, expect, it } from "vitest";
import { QUICK_LIMITS, recorderProfile, testProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("deadline");
const runner = { egressAllow: ["127.0.0.0/8"] };
const profile = recorderProfile("Slow", "deadline-secret");

describe("the deadline of one attempt", () => {
  it("cuts off a provider that drips its answer, however steadily, and does not ask again", async () => {
    // A byte every 200 ms never trips the 1 s idle timeout; the whole answer takes 15 s.
    const server = await kit.serve({ dripMs: 200 });
    const limits = { ...QUICK_LIMITS, bodyMs: 1_000, totalMs: 1_500 };
    const { run, sleeps } = await testProfile(kit, profile(server.urlFor("drip")), {
      ...runner,
      limits,
    });

    expect(run).toMatchObject({ status: "failed", errorClass: "timeout", httpAttempts: 1 });
    expect(run.errorMessage).toBe(
      `127.0.0.1:${server.port} was still sending its answer after 1500 ms, the deadline for one attempt`,
    );
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(run.durationMs).toBeGreaterThanOrEqual(1_500);
    expect(run.durationMs).toBeLessThan(2_500);
  });
});

describe("the attempts of one request together", () => {
  it("end within twice the deadline: no wait for a Retry-After that would pass it", async () => {
    const server = await kit.serve({ failures: 5, retryAfter: "10" });
    const { run, sleeps } = await testProfile(kit, profile(server.urlFor("rate-limited")), {
      ...runner,
      limits: { ...QUICK_LIMITS, totalMs: 3_000 },
    });

    expect(run).toMatchObject({ status: "failed", responseStatus: 429, httpAttempts: 1 });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("end within twice the deadline: a hanging provider gets the attempts that fit", async () => {
    const server = await kit.serve();
    const limits = { ...QUICK_LIMITS, headersMs: 10_000, totalMs: 1_000 };
    const { run } = await testProfile(kit, profile(server.urlFor("hang")), { ...runner, limits });

    expect(run).toMatchObject({ status: "failed", errorClass: "timeout", httpAttempts: 2 });
    expect(run.errorMessage).toMatch(
      /^127\.0\.0\.1:\d+ sent no answer within \d+ ms, the deadline/,
    );
    expect(server.requests).toHaveLength(2);
    expect(run.durationMs).toBeLessThan(2 * 1_000 + 300);
  });
});
