// @module-tag redis-queue
import { JOBS, refreshNowJobId } from "@authdeck/core/queue";
import { describe, expect, it } from "vitest";
import { baseUrl, teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

const { server, api } = await useTokenApi("token_api_refresh");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the token API's refresh", () => {
  it("is queued as the token API's, the trigger the worker records on its run", async () => {
    const { team, app, createKey, createProfile } = await teamWithApp(server, "Api Trigger");
    const profile = await createProfile({
      name: "No token yet",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const key = await createKey();

    // No worker runs here: the refresh the call asks for stays in the queue, to be read.
    const answer = api.get({
      authorization: `Bearer ${key}`,
      appId: app.id,
      profileId: profile.id,
    });
    const { queue } = server.context(null, baseUrl);
    let job: Awaited<ReturnType<typeof queue.getJobs>>[number] | undefined;
    for (let waited = 0; !job && waited < 5_000; waited += 50) {
      job = (await queue.getJobs(["waiting", "prioritized"])).find(
        (j) => j.name === JOBS.tokenRefresh,
      );
      if (!job) await sleep(50);
    }
    const state = await server.db.tokenState.findFirstOrThrow({
      where: { profileId: profile.id },
    });
    expect(job?.id).toBe(refreshNowJobId(state));
    expect(job?.data).toEqual({ stateId: state.id, teamId: team.id, trigger: "api" });

    // A refresh that failed elsewhere ends the wait: the row changed and nobody holds it.
    await server.db.tokenState.update({
      where: { id: state.id },
      data: { lastError: "server_error: the provider is down" },
    });
    const response = await answer;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      message: "No valid token: server_error: the provider is down",
    });
  });
});
