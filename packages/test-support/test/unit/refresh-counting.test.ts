import { describe, expect, it } from "vitest";
import { requestsPerLifetime } from "../../src/refresh-counting.ts";
import type { RecordedRequest } from "../../src/token-server.ts";

const at = (url: string, receivedAt: number) =>
  ({
    url,
    receivedAt,
    method: "POST",
    headers: {},
    body: "",
    localAddress: "127.0.0.1",
  }) as RecordedRequest;

describe("requestsPerLifetime", () => {
  it("counts the refresh made during each token's lifetime, per profile URL", () => {
    // One profile refreshing at 80% of a 100 ms lifetime; another whose second token was never
    // refreshed, which shows as a lifetime with no request (a mean below 1).
    const requests = [0, 80, 160, 240, 320].map((t) => at("/ok/1/token", t));
    requests.push(at("/ok/2/token", 10), at("/ok/2/token", 90));
    // Lifetimes ended by 320: profile 1's from 0, 80 and 160; profile 2's from 10 and 90.
    expect(requestsPerLifetime(requests, 100)).toEqual({ tokens: 5, max: 1, mean: 4 / 5 });
  });

  it("finds a second request within one lifetime", () => {
    const requests = [0, 80, 85, 165, 400].map((t) => at("/ok/1/token", t));
    // Lifetimes ended by 400: from 0 (saw 80 and 85), 80 (85 and 165), 85 (165) and 165 (none).
    expect(requestsPerLifetime(requests, 100)).toEqual({ tokens: 4, max: 2, mean: 5 / 4 });
  });

  it("leaves out tokens whose lifetime had not ended when the watch stopped", () => {
    expect(requestsPerLifetime([at("/ok/1/token", 0), at("/ok/1/token", 50)], 100)).toEqual({
      tokens: 0,
      max: 0,
      mean: 0,
    });
  });
});
