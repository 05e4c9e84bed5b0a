import { describe, expect, it } from "vitest";
import { revealRunToken, TOKEN_EXPIRED, TOKEN_REPLACED } from "../../src/test-runs/index.ts";
import { storeToken } from "../../src/tokens/store-token.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import { testProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("reveal-token");
const runner = { egressAllow: ["127.0.0.0/8"] };

/** A profile tested once against a real token server: the run passed and its token is stored. */
async function passedTest(name: string) {
  const server = await kit.serve();
  const tested = await testProfile(
    kit,
    {
      name,
      identityProviderName: "IdP",
      clientId: "reveal-client",
      clientSecret: "reveal-client-secret",
      tokenRequestUrl: server.urlFor("ok"),
    },
    runner,
  );
  expect(tested.run.status).toBe("succeeded");
  return { ...tested, server };
}

const deps = (now = () => new Date()) => ({ db: kit.db, sealer: kit.sealer, now });
const revealsOf = (teamId: string) =>
  kit.db.auditEvent.findMany({ where: { teamId, action: "token.reveal" } });

describe("copying a passed test's token", () => {
  it("gives an editor the token the test obtained, once, and records who took it", async () => {
    const { saved, runId, server } = await passedTest("Copied");

    const revealed = await revealRunToken(deps(), saved.member, { appId: saved.appId, runId });

    expect(revealed.accessToken).toBe(server.accessToken);
    expect(revealed.expiresAt).toBeInstanceOf(Date);
    const events = await revealsOf(saved.teamId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: saved.member.userId,
      targetType: "profile",
      targetId: saved.profileId,
    });
    // Neither the audit trail nor the run keeps the token itself.
    const stored = JSON.stringify([
      await kit.db.auditEvent.findMany(),
      await kit.db.testRun.findMany(),
    ]);
    expect(stored).not.toContain(server.accessToken);
  });

  it("refuses a viewer, another team and another app, and records nothing", async () => {
    const { saved, runId } = await passedTest("Guarded");
    const team = await kit.db.membership.findMany({ where: { teamId: saved.teamId } });
    const viewerRow = team.find((m) => m.role === "viewer")!;
    const viewer = { userId: viewerRow.userId, teamId: saved.teamId, role: "viewer" as const };
    const other = await createTeamWithMembers(deps(), "Other team");
    const otherEditor = await other.as("editor");

    const refusedViewer = await appErrorOf(
      revealRunToken(deps(), viewer, { appId: saved.appId, runId }),
    );
    expect(refusedViewer.code).toBe("FORBIDDEN");
    const refusedOther = await appErrorOf(
      revealRunToken(deps(), otherEditor, { appId: saved.appId, runId }),
    );
    expect(refusedOther.code).toBe("NOT_FOUND");
    const wrongApp = await appErrorOf(
      revealRunToken(deps(), saved.member, { appId: other.team.id, runId }),
    );
    expect(wrongApp.code).toBe("NOT_FOUND");
    expect(await revealsOf(saved.teamId)).toEqual([]);
    expect(await revealsOf(other.team.id)).toEqual([]);
  });

  it("refuses once a newer token replaced the test's, or once it expired", async () => {
    const { saved, runId } = await passedTest("Replaced");
    const input = { appId: saved.appId, runId };
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });

    const later = () => new Date(state.expiresAt!.getTime() + 1_000);
    expect((await appErrorOf(revealRunToken(deps(later), saved.member, input))).message).toBe(
      TOKEN_EXPIRED,
    );

    // A refresh stores another token in the same place: it is not the one this test obtained.
    await storeToken(deps(), {
      teamId: saved.teamId,
      profileId: saved.profileId,
      tenant: "",
      accessToken: "tok_from_a_later_refresh",
      refreshToken: null,
      tokenType: "Bearer",
      expiresIn: 3600,
      jwtExp: null,
      defaultLifetimeSeconds: 3600,
      obtainedAt: new Date(),
    });
    const replaced = await appErrorOf(revealRunToken(deps(), saved.member, input));
    expect(replaced).toMatchObject({ code: "CONFLICT", message: TOKEN_REPLACED });
    expect(await revealsOf(saved.teamId)).toEqual([]);
  });

  it("has no token to give for a failed test", async () => {
    const server = await kit.serve();
    const { saved, runId, run } = await testProfile(
      kit,
      {
        name: "Refused",
        identityProviderName: "IdP",
        clientId: "reveal-client",
        clientSecret: "reveal-client-secret",
        tokenRequestUrl: server.urlFor("echo"),
      },
      runner,
    );
    expect(run.status).toBe("failed");
    const error = await appErrorOf(
      revealRunToken(deps(), saved.member, { appId: saved.appId, runId }),
    );
    expect(error.code).toBe("CONFLICT");
  });
});
