import { describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

// One call at a time, so a call left waiting for a refresh (no worker runs here) fills it.
const { server, api } = await useTokenApi("tapi_inflight", { TOKEN_API_MAX_IN_FLIGHT: "1" });

describe("the token API's bound on calls in flight", () => {
  it("answers a call past it at once with 503 and Retry-After, and admits calls again once one ends", async () => {
    const { app, createKey, createProfile } = await teamWithApp(server, "In Flight");
    const profile = await createProfile({
      name: "Waiting for a refresh",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const key = await createKey();
    const call = { authorization: `Bearer ${key}`, appId: app.id, profileId: profile.id };

    // Waits for a refresh nobody makes, holding the one place.
    const waiting = api.get(call);
    let state = null;
    for (let waited = 0; !state && waited < 5_000; waited += 50) {
      state = await server.db.tokenState.findFirst({ where: { profileId: profile.id } });
      if (!state) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state).not.toBeNull();

    const started = performance.now();
    const refused = await api.get(call);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      error: "token_unavailable",
      message: "Too many token requests at once on this server; retry in a second",
    });

    // The refresh fails elsewhere: the waiting call ends, and the place is free again.
    await server.db.tokenState.update({
      where: { id: state?.id ?? "" },
      data: { lastError: "server_error: the provider is down" },
    });
    expect((await waiting).status).toBe(503);
    const admitted = await api.get({ ...call, authorization: "Bearer adk_not-a-key" });
    expect(admitted.status).toBe(401);
  });
});
