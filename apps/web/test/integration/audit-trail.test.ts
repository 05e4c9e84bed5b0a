// @module-tag resilience
import { runTokenTest } from "@authdeck/core/test-runs";
import { startTokenServer } from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import {
  createTeamWithMembers,
  createUser,
  proceduresOf,
  type Server,
  type SignedInUser,
  startServer,
} from "../support/harness.ts";

// Started while the file is collected, so the tests below can be listed from the router itself.
const server: Server = await startServer("audit-trail");

afterAll(async () => {
  await server.close();
});

type Performed = { actor: SignedInUser; teamId: string; targetId: string };

const freshTeam = (name: string) => createTeamWithMembers(server.db, name);
const as = (user: SignedInUser) => server.callerFor(user);
const freshTeamWithApp = async (name: string) => {
  const fixture = await freshTeam(name);
  const app = await as(fixture.users.owner).app.create({ teamId: fixture.team.id, name: "App" });
  return { ...fixture, appId: app.id };
};
const freshTeamWithProfile = async (name: string) => {
  const fixture = await freshTeamWithApp(name);
  const profile = await as(fixture.users.owner).profile.create({
    teamId: fixture.team.id,
    appId: fixture.appId,
    profile: profileFields("Stripe"),
  });
  return { ...fixture, profile };
};
/** A private_key_jwt profile (its key generated) at the given token URL. */
const freshKeyProfile = async (name: string, tokenRequestUrl: string) => {
  const fixture = await freshTeamWithApp(name);
  const profile = await as(fixture.users.owner).profile.create({
    teamId: fixture.team.id,
    appId: fixture.appId,
    profile: {
      ...profileFields("Keyed"),
      clientSecret: undefined,
      tokenRequestUrl,
      clientAuthMethod: "private_key_jwt",
    },
  });
  const ref = { teamId: fixture.team.id, appId: fixture.appId, profileId: profile.id };
  return { ...fixture, ref };
};
const HEALTH_CHECK = {
  enabled: true,
  intervalMinutes: 5,
  method: "GET",
  path: "/",
  expectedStatus: 200,
} as const;
/** A profile with an API Base URL, and, `checked`, a health check its owner set up. */
const freshTeamWithApiProfile = async (name: string, checked: boolean) => {
  const fixture = await freshTeamWithApp(name);
  const profile = await as(fixture.users.owner).profile.create({
    teamId: fixture.team.id,
    appId: fixture.appId,
    profile: { ...profileFields("Stripe"), apiBaseUrl: "https://connect.example.com/v1" },
  });
  const ref = { teamId: fixture.team.id, appId: fixture.appId, profileId: profile.id };
  if (checked) await as(fixture.users.owner).healthCheck.save({ ...ref, check: HEALTH_CHECK });
  return { ...fixture, profile };
};
/** Secrets the mutations below are given; none may show up in an audit event or a log line. */
const secrets: string[] = ["trail-client-secret-0f3a9c"];
const profileFields = (name: string) => ({
  name,
  identityProviderName: "Stripe",
  tokenRequestUrl: "https://connect.example.com/oauth/token",
  clientId: "trail-client",
  clientSecret: secrets[0],
});

/** Every mutation, done once for real through the router, and the audit action it must leave. */
const AUDITED: Record<string, { action: string; perform: () => Promise<Performed> }> = {
  "team.create": {
    action: "team.create",
    perform: async () => {
      const founder = await createUser(server.db, "Founder");
      const team = await as(founder).team.create({ name: "Founded" });
      return { actor: founder, teamId: team.id, targetId: team.id };
    },
  },
  "team.rename": {
    action: "team.rename",
    perform: async () => {
      const { team, users } = await freshTeam("Rename me");
      await as(users.admin).team.rename({ teamId: team.id, name: "Renamed" });
      return { actor: users.admin, teamId: team.id, targetId: team.id };
    },
  },
  "team.setEgressAllowlist": {
    action: "team.egressAllowlist",
    perform: async () => {
      const { team, users } = await freshTeam("Private IdP");
      await as(users.admin).team.setEgressAllowlist({
        teamId: team.id,
        rules: ["idp.internal", "10.20.0.0/16"],
      });
      return { actor: users.admin, teamId: team.id, targetId: team.id };
    },
  },
  "team.transferOwnership": {
    action: "team.transfer",
    perform: async () => {
      const { team, users } = await freshTeam("Hand over");
      await as(users.owner).team.transferOwnership({ teamId: team.id, userId: users.editor.id });
      return { actor: users.owner, teamId: team.id, targetId: users.editor.id };
    },
  },
  "team.leave": {
    action: "member.leave",
    perform: async () => {
      const { team, users } = await freshTeam("Leave me");
      await as(users.viewer).team.leave({ teamId: team.id });
      return { actor: users.viewer, teamId: team.id, targetId: users.viewer.id };
    },
  },
  "member.changeRole": {
    action: "member.changeRole",
    perform: async () => {
      const { team, users } = await freshTeam("Promote");
      await as(users.admin).member.changeRole({
        teamId: team.id,
        userId: users.viewer.id,
        role: "editor",
      });
      return { actor: users.admin, teamId: team.id, targetId: users.viewer.id };
    },
  },
  "member.remove": {
    action: "member.remove",
    perform: async () => {
      const { team, users } = await freshTeam("Remove");
      await as(users.admin).member.remove({ teamId: team.id, userId: users.editor.id });
      return { actor: users.admin, teamId: team.id, targetId: users.editor.id };
    },
  },
  "invitation.create": {
    action: "invitation.create",
    perform: async () => {
      const { team, users } = await freshTeam("Invite");
      const invitation = await as(users.admin).invitation.create({
        teamId: team.id,
        role: "editor",
      });
      secrets.push(invitation.token);
      return { actor: users.admin, teamId: team.id, targetId: invitation.id };
    },
  },
  "invitation.revoke": {
    action: "invitation.revoke",
    perform: async () => {
      const { team, users } = await freshTeam("Revoke");
      const invitation = await as(users.admin).invitation.create({
        teamId: team.id,
        role: "viewer",
      });
      secrets.push(invitation.token);
      await as(users.owner).invitation.revoke({ teamId: team.id, invitationId: invitation.id });
      return { actor: users.owner, teamId: team.id, targetId: invitation.id };
    },
  },
  "invitation.accept": {
    action: "invitation.accept",
    perform: async () => {
      const { team, users } = await freshTeam("Accept");
      const invitation = await as(users.admin).invitation.create({
        teamId: team.id,
        role: "viewer",
      });
      secrets.push(invitation.token);
      const joiner = await createUser(server.db, "Joiner");
      await as(joiner).invitation.accept({ token: invitation.token });
      return { actor: joiner, teamId: team.id, targetId: invitation.id };
    },
  },
  "app.create": {
    action: "app.create",
    perform: async () => {
      const { team, users } = await freshTeam("Create app");
      const app = await as(users.admin).app.create({ teamId: team.id, name: "Billing" });
      return { actor: users.admin, teamId: team.id, targetId: app.id };
    },
  },
  "app.rename": {
    action: "app.rename",
    perform: async () => {
      const { team, users } = await freshTeam("Rename app");
      const app = await as(users.owner).app.create({ teamId: team.id, name: "Billing" });
      await as(users.admin).app.rename({ teamId: team.id, appId: app.id, name: "Invoicing" });
      return { actor: users.admin, teamId: team.id, targetId: app.id };
    },
  },
  "app.delete": {
    action: "app.delete",
    perform: async () => {
      const { team, users } = await freshTeam("Delete app");
      const app = await as(users.owner).app.create({ teamId: team.id, name: "Billing" });
      await as(users.admin).app.delete({ teamId: team.id, appId: app.id, confirmProfileCount: 0 });
      return { actor: users.admin, teamId: team.id, targetId: app.id };
    },
  },
  "profile.create": {
    action: "profile.create",
    perform: async () => {
      const { team, users, appId } = await freshTeamWithApp("Create profile");
      const profile = await as(users.editor).profile.create({
        teamId: team.id,
        appId,
        profile: profileFields("Stripe"),
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "profile.update": {
    action: "profile.update",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Update profile");
      await as(users.editor).profile.update({
        teamId: team.id,
        appId,
        profileId: profile.id,
        version: profile.version,
        profile: { ...profileFields("Stripe"), clientSecret: undefined, description: "Edited" },
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "profile.duplicate": {
    action: "profile.duplicate",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Duplicate profile");
      const copy = await as(users.editor).profile.duplicate({
        teamId: team.id,
        appId,
        profileId: profile.id,
      });
      return { actor: users.editor, teamId: team.id, targetId: copy.id };
    },
  },
  "profile.addNextKey": {
    action: "profile.key.add",
    perform: async () => {
      const { team, users, ref } = await freshKeyProfile("Add next key", "https://idp.example/t");
      await as(users.editor).profile.addNextKey(ref);
      return { actor: users.editor, teamId: team.id, targetId: ref.profileId };
    },
  },
  "profile.switchToNextKey": {
    action: "profile.key.switch",
    perform: async () => {
      const provider = await startTokenServer();
      try {
        const { team, users, ref } = await freshKeyProfile("Switch key", provider.urlFor("ok"));
        await as(users.owner).profile.addNextKey(ref);
        const { runId } = await as(users.owner).testRun.start({ ...ref, withNextKey: true });
        await runTokenTest(
          {
            db: server.db,
            sealer: server.sealer,
            now: () => new Date(),
            egressAllow: ["127.0.0.0/8"],
            publish: async () => {},
          },
          runId,
        );
        await as(users.editor).profile.switchToNextKey(ref);
        return { actor: users.editor, teamId: team.id, targetId: ref.profileId };
      } finally {
        await provider.close();
      }
    },
  },
  "profile.retirePreviousKey": {
    action: "profile.key.retire",
    perform: async () => {
      const { team, users, ref } = await freshKeyProfile("Retire key", "https://idp.example/t");
      // The state a switch leaves, written directly: the switch itself is audited above.
      await server.db.authorizationProfile.update({
        where: { id: ref.profileId },
        data: { previousPublicJwk: { kty: "EC", kid: "retiring" }, previousKeyAddedAt: new Date() },
      });
      await as(users.editor).profile.retirePreviousKey(ref);
      return { actor: users.editor, teamId: team.id, targetId: ref.profileId };
    },
  },
  "testRun.start": {
    action: "profile.test",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Start test");
      await as(users.editor).testRun.start({ teamId: team.id, appId, profileId: profile.id });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "testRun.cancel": {
    action: "profile.test.cancel",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Cancel test");
      const { runId } = await as(users.editor).testRun.start({
        teamId: team.id,
        appId,
        profileId: profile.id,
      });
      await as(users.editor).testRun.cancel({ teamId: team.id, appId, runId });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "testRun.revealToken": {
    action: "token.reveal",
    perform: async () => {
      const provider = await startTokenServer();
      try {
        const { team, users, appId } = await freshTeamWithApp("Copy token");
        const profile = await as(users.owner).profile.create({
          teamId: team.id,
          appId,
          profile: { ...profileFields("Local IdP"), tokenRequestUrl: provider.urlFor("ok") },
        });
        const { runId } = await as(users.editor).testRun.start({
          teamId: team.id,
          appId,
          profileId: profile.id,
        });
        // The worker's part, done here: the test passes and its token is stored sealed.
        await runTokenTest(
          {
            db: server.db,
            sealer: server.sealer,
            now: () => new Date(),
            egressAllow: ["127.0.0.0/8"],
            publish: async () => {},
          },
          runId,
        );
        const { accessToken } = await as(users.editor).testRun.revealToken({
          teamId: team.id,
          appId,
          runId,
        });
        expect(accessToken).toBe(provider.accessToken);
        secrets.push(accessToken);
        return { actor: users.editor, teamId: team.id, targetId: profile.id };
      } finally {
        await provider.close();
      }
    },
  },
  "token.revoke": {
    action: "token.revoke",
    perform: () =>
      withStoredToken("Revoke token", async (ref) => {
        await as(ref.actor).token.revoke(ref.input);
      }),
  },
  "token.revokeAll": {
    action: "token.revoke",
    perform: () =>
      withStoredToken("Revoke all tokens", async (ref) => {
        await as(ref.actor).token.revokeAll(ref.input);
      }),
  },
  "token.inspect": {
    action: "token.inspect",
    perform: () =>
      withStoredToken("Inspect token", async (ref) => {
        await as(ref.actor).token.inspect(ref.input);
      }),
  },
  "token.refreshNow": {
    action: "token.refreshNow",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Refresh now");
      await as(users.editor).token.refreshNow({ teamId: team.id, appId, profileId: profile.id });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "healthCheck.save": {
    action: "profile.healthCheck",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithApiProfile("Health check", false);
      await as(users.editor).healthCheck.save({
        teamId: team.id,
        appId,
        profileId: profile.id,
        check: HEALTH_CHECK,
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "healthCheck.checkNow": {
    action: "profile.checkHealthNow",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithApiProfile(
        "Check health now",
        true,
      );
      await as(users.editor).healthCheck.checkNow({
        teamId: team.id,
        appId,
        profileId: profile.id,
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "apiCall.send": {
    action: "profile.apiCall",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithApiProfile("Try a request", false);
      await as(users.editor).apiCall.send({
        teamId: team.id,
        appId,
        profileId: profile.id,
        request: {
          method: "GET",
          path: "/balance",
          query: "",
          headers: [],
          bodyType: "none",
          body: "",
          tenant: "",
        },
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "profile.delete": {
    action: "profile.delete",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Delete profile");
      await as(users.editor).profile.delete({ teamId: team.id, appId, profileId: profile.id });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "profile.import": {
    action: "profile.import",
    perform: async () => {
      const { team, users, appId } = await freshTeamWithApp("Import profiles");
      await as(users.editor).profile.import({
        teamId: team.id,
        appId,
        document: {
          format: "authdeck.profiles",
          version: 1,
          profiles: [
            {
              name: "Imported",
              identityProviderName: "Stripe",
              tokenRequestUrl: "https://connect.example.com/oauth/token",
            },
          ],
        },
      });
      return { actor: users.editor, teamId: team.id, targetId: appId };
    },
  },
  "token.setAutoRefresh": {
    action: "profile.autoRefresh",
    perform: async () => {
      const { team, users, appId, profile } = await freshTeamWithProfile("Auto refresh");
      await as(users.editor).token.setAutoRefresh({
        teamId: team.id,
        appId,
        profileId: profile.id,
        enabled: true,
      });
      return { actor: users.editor, teamId: team.id, targetId: profile.id };
    },
  },
  "apiKey.create": {
    action: "apiKey.create",
    perform: async () => {
      const { team, users, appId } = await freshTeamWithApp("Create key");
      const created = await as(users.admin).apiKey.create({
        teamId: team.id,
        name: "Billing service",
        appIds: [appId],
      });
      secrets.push(created.key);
      return { actor: users.admin, teamId: team.id, targetId: created.id };
    },
  },
  "apiKey.revoke": {
    action: "apiKey.revoke",
    perform: async () => {
      const { team, users, appId } = await freshTeamWithApp("Revoke key");
      const created = await as(users.owner).apiKey.create({
        teamId: team.id,
        name: "Billing service",
        appIds: [appId],
      });
      secrets.push(created.key);
      await as(users.admin).apiKey.revoke({ teamId: team.id, apiKeyId: created.id });
      return { actor: users.admin, teamId: team.id, targetId: created.id };
    },
  },
  "notification.create": {
    action: "notification.create",
    perform: async () => {
      const { team, users, ref } = await freshChannel("Create channel");
      return { actor: users.owner, teamId: team.id, targetId: ref.channelId };
    },
  },
  ...Object.fromEntries(
    (["delete", "pause", "resume", "sendTest"] as const).map((verb) => [
      `notification.${verb}`,
      {
        action: verb === "sendTest" ? "notification.test" : `notification.${verb}`,
        perform: async () => {
          const { team, users, ref } = await freshChannel(`Channel ${verb}`);
          await as(users.admin).notification[verb](ref);
          return { actor: users.admin, teamId: team.id, targetId: ref.channelId };
        },
      },
    ]),
  ),
};

/** A webhook channel made by the owner of a fresh team, for the channel actions below. */
async function freshChannel(name: string) {
  const { team, users } = await freshTeam(name);
  const created = await as(users.owner).notification.create({
    teamId: team.id,
    kind: "webhook",
    name: "On-call",
    url: "https://hooks.example.com/authdeck",
    events: ["profile.refresh.failing"],
    appIds: [],
  });
  if (created.signingSecret) secrets.push(created.signingSecret);
  return { team, users, ref: { teamId: team.id, channelId: created.id } };
}

/**
 * A profile whose revocation and introspection endpoints are a local token server, with a token
 * a passed test stored; `act` revokes or inspects it as an editor.
 */
async function withStoredToken(
  name: string,
  act: (ref: {
    actor: SignedInUser;
    input: { teamId: string; appId: string; profileId: string };
  }) => Promise<void>,
): Promise<Performed> {
  const provider = await startTokenServer();
  try {
    const { team, users, appId } = await freshTeamWithApp(name);
    const profile = await as(users.owner).profile.create({
      teamId: team.id,
      appId,
      profile: {
        ...profileFields("Local IdP"),
        tokenRequestUrl: provider.urlFor("ok"),
        revocationEndpoint: provider.urlFor("ok"),
        introspectionEndpoint: provider.urlFor("ok"),
      },
    });
    const { runId } = await as(users.editor).testRun.start({
      teamId: team.id,
      appId,
      profileId: profile.id,
    });
    await runTokenTest(
      {
        db: server.db,
        sealer: server.sealer,
        now: () => new Date(),
        egressAllow: ["127.0.0.0/8"],
        publish: async () => {},
      },
      runId,
    );
    await act({ actor: users.editor, input: { teamId: team.id, appId, profileId: profile.id } });
    return { actor: users.editor, teamId: team.id, targetId: profile.id };
  } finally {
    await provider.close();
  }
}

/** Mutations that leave no audit event, each with the reason and its own test below. */
const EXEMPT: Record<string, string> = {
  "team.delete": "the team's audit trail is deleted with the team",
};

const mutations = Object.entries(proceduresOf(server.appRouter))
  .filter(([, procedure]) => procedure.type === "mutation")
  .map(([path]) => path)
  .sort();

describe("the audit trail", () => {
  it("has an expected action for every mutation in the router", () => {
    expect(mutations.filter((path) => !(path in AUDITED) && !(path in EXEMPT))).toEqual([]);
    expect(
      [...Object.keys(AUDITED), ...Object.keys(EXEMPT)].filter((path) => !mutations.includes(path)),
    ).toEqual([]);
  });

  it.each(mutations.filter((path) => !(path in EXEMPT)))(
    "records %s with its actor and target",
    async (path) => {
      const entry = AUDITED[path];
      expect(entry, `${path} has no entry in AUDITED`).toBeDefined();

      const done = await entry!.perform();

      const events = await server.db.auditEvent.findMany({
        where: { teamId: done.teamId, action: entry!.action },
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorUserId: done.actor.id,
        actorApiKeyId: null,
        targetId: done.targetId,
      });
    },
  );

  it("never holds a secret: no client secret, invitation token, API key or copied token", async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    const events = await server.db.auditEvent.findMany();
    expect(events.some((e) => e.action === "profile.create")).toBe(true);
    const everything = JSON.stringify(events);
    const logged = server.logLines.join("\n");
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
});

describe("testRun.start", () => {
  it("records the run it queued, naming who started it", async () => {
    const { team, users, appId, profile } = await freshTeamWithProfile("Start test run");
    const { runId } = await as(users.editor).testRun.start({
      teamId: team.id,
      appId,
      profileId: profile.id,
    });

    expect(await server.db.testRun.findUnique({ where: { id: runId } })).toMatchObject({
      teamId: team.id,
      profileId: profile.id,
      requestedById: users.editor.id,
      trigger: "test",
    });
    const [event] = await server.db.auditEvent.findMany({
      where: { teamId: team.id, action: "profile.test" },
    });
    expect(event?.changes).toEqual({ runId });
  });
});

describe("token.refreshNow", () => {
  it("queues a refresh and changes no setting of the profile", async () => {
    const { team, users, appId, profile } = await freshTeamWithProfile("Refresh now only");
    const profileBefore = await server.db.authorizationProfile.findUnique({
      where: { id: profile.id },
    });

    const result = await as(users.editor).token.refreshNow({
      teamId: team.id,
      appId,
      profileId: profile.id,
    });

    expect(result).toEqual({ queued: 1 });
    expect(await server.db.tokenState.count({ where: { profileId: profile.id } })).toBe(1);
    expect(await server.db.authorizationProfile.findUnique({ where: { id: profile.id } })).toEqual(
      profileBefore,
    );
  });
});

describe("team.delete", () => {
  it("takes the team, everything in it and its audit trail, and nothing of other teams", async () => {
    const doomed = await freshTeam("Doomed");
    const bystander = await freshTeam("Bystander");
    const counts = async (teamId: string) => ({
      team: await server.db.team.count({ where: { id: teamId } }),
      memberships: await server.db.membership.count({ where: { teamId } }),
      invitations: await server.db.invitation.count({ where: { teamId } }),
      apps: await server.db.app.count({ where: { teamId } }),
      profiles: await server.db.authorizationProfile.count({ where: { teamId } }),
      auditEvents: await server.db.auditEvent.count({ where: { teamId } }),
    });
    for (const { team, users } of [doomed, bystander]) {
      const owner = as(users.owner);
      const app = await owner.app.create({ teamId: team.id, name: "Billing" });
      await owner.invitation.create({ teamId: team.id, role: "viewer" });
      await server.db.authorizationProfile.create({
        data: {
          teamId: team.id,
          appId: app.id,
          name: "Stripe",
          identityProviderName: "Stripe",
          tokenRequestUrl: "https://connect.example.com/oauth/token",
        },
      });
    }
    const bystanderBefore = await counts(bystander.team.id);
    expect(await counts(doomed.team.id)).toEqual({
      team: 1,
      memberships: 4,
      invitations: 1,
      apps: 1,
      profiles: 1,
      auditEvents: 3,
    });

    await as(doomed.users.owner).team.delete({ teamId: doomed.team.id, confirmName: "Doomed" });

    expect(await counts(doomed.team.id)).toEqual({
      team: 0,
      memberships: 0,
      invitations: 0,
      apps: 0,
      profiles: 0,
      auditEvents: 0,
    });
    expect(await counts(bystander.team.id)).toEqual(bystanderBefore);
    const outcome = await server.call(doomed.users.owner, "team.get", { teamId: doomed.team.id });
    expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND", message: "Team not found" });
  });
});
