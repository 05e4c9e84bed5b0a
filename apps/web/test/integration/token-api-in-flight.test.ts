// @module-tag redis-queue
import { describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

// Two calls at once on this process, one of them per key (a quarter, rounded up): calls left
// waiting for a refresh (no worker runs here) fill them.
const { server, api } = await useTokenApi("tapi_inflight", { TOKEN_API_MAX_IN_FLIGHT: "2" });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BUSY = {
  error: "token_unavailable",
  message: "Too many token requests at once on this server; retry in a second",
};

describe("the token API's bound on calls in flight", () => {
  it("answers past a key's share or the process's bound at once with 503 and Retry-After, and admits again once calls end", async () => {
    const { app, createKey, createProfile } = await teamWithApp(server, "In Flight");
    const profile = await createProfile({
      name: "Waiting for a refresh",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const [first, second, third] = [
      await createKey("A"),
      await createKey("B"),
      await createKey("C"),
    ];
    const call = (key: string) => ({
      authorization: `Bearer ${key}`,
      appId: app.id,
      profileId: profile.id,
    });
    const expectBusy = async (answer: Promise<Response>) => {
      const started = performance.now();
      const response = await answer;
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual(BUSY);
    };

    // Key A's call waits for a refresh nobody makes: A holds its one place.
    const waitingA = api.get(call(first));
    let state = null;
    for (let waited = 0; !state && waited < 5_000; waited += 50) {
      state = await server.db.tokenState.findFirst({ where: { profileId: profile.id } });
      if (!state) await sleep(50);
    }
    if (!state) throw new Error("the first call made no token state");
    await expectBusy(api.get(call(first)));

    // Key B still gets the process's second place, and then the process is full for key C.
    const waitingB = api.get(call(second));
    await sleep(300);
    await expectBusy(api.get(call(third)));

    // The refresh fails elsewhere: both waiting calls end, and the places are free again.
    await server.db.tokenState.update({
      where: { id: state.id },
      data: { lastError: "server_error: the provider is down" },
    });
    expect((await waitingA).status).toBe(503);
    expect((await waitingB).status).toBe(503);
    const admitted = await api.get({ ...call(third), profileId: crypto.randomUUID() });
    expect(admitted.status).toBe(404);
  });
});
