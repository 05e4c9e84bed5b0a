import type { TokenServer } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import { storedEvidenceSchema } from "../../src/schemas/evidence.ts";
import { getRun } from "../../src/test-runs/index.ts";
import { recorderProfile, saveProfile, testProfile, useTokenRunKit } from "../token-runs.ts";

let server: TokenServer;
const kit = useTokenRunKit("run_evidence", async (serveForFile) => {
  server = await serveForFile();
});
const profile = recorderProfile("Evidence", "evidence-secret-5e1f");

describe("a run's stored evidence", () => {
  it("is written in the shape its readers parse", async () => {
    const { run, saved, runId } = await testProfile(kit, profile(server.urlFor("ok")), {
      egressAllow: ["127.0.0.0/8"],
    });
    expect(run.status).toBe("succeeded");
    expect(storedEvidenceSchema.safeParse(run).success).toBe(true);
    const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
    expect(shown.evidenceUnavailable).toBe(false);
    expect(shown.request?.headers).toContainEqual(["Authorization", "Basic ********"]);
    expect(shown.tokenFacts?.length).toBe(server.accessToken.length);
    expect(shown.responseHeaders?.["content-type"]).toMatch(/json/);
  });

  it("written by an older version in another shape is shown as unavailable, not a failure", async () => {
    const saved = await saveProfile(kit, profile("https://idp.example.com/token"));
    const older = await kit.db.testRun.create({
      data: {
        teamId: saved.teamId,
        profileId: saved.profileId,
        status: "succeeded",
        finishedAt: new Date(),
        // Headers once kept as a record, token facts before the fingerprint.
        request: { method: "POST", url: "https://idp.example.com/token", headers: {}, body: "" },
        responseStatus: 200,
        responseHeaders: { "content-type": "application/json" },
        responseBody: "{}",
        tokenFacts: { tokenType: "Bearer", prefix: "eyJh" },
        warnings: ["kept"],
      },
    });

    const shown = await getRun(kit, saved.member, { appId: saved.appId, runId: older.id });
    expect(shown).toMatchObject({
      id: older.id,
      status: "succeeded",
      evidenceUnavailable: true,
      request: null,
      responseHeaders: null,
      tokenFacts: null,
      // What is not JSON is typed by its column and still shown.
      responseStatus: 200,
      responseBody: "{}",
      warnings: ["kept"],
    });
  });
});
