import { createApp } from "@authdeck/core/apps";
import { createInvitation, createTeam, ROLES, type Role } from "@authdeck/core/teams";
import { issueCertificate } from "@authdeck/test-support/certificates";
import type { TRPCError } from "@trpc/server";
import { createTeamWithMembers, createUser, type Server, type SignedInUser } from "./harness.ts";

/**
 * One harmless, valid input for every procedure of the router, over a fixture team with one
 * person in each role. The access matrix calls each with every kind of person; the input fuzzer
 * starts its mutations from them.
 */

export const ACTORS = [...ROLES, "nonMember", "signedOut"] as const;
export type Actor = (typeof ACTORS)[number];

export async function createFixture(server: Server) {
  const { db } = server;
  const a = await createTeamWithMembers(db, "Fixture team");
  // A second viewer: the one members change and remove, so the actors themselves stay put.
  const spare = await createUser(db, "Spare viewer");
  await db.membership.create({ data: { teamId: a.team.id, userId: spare.id, role: "viewer" } });
  const deps = { db, now: () => new Date() };
  // Signed in and a member, of another team only.
  const outsider = await createUser(db, "Outsider");
  await createTeam(deps, { userId: outsider.id, name: "Outsider team" });
  const owner = { userId: a.users.owner.id, teamId: a.team.id, role: "owner" as const };
  const app = await createApp(deps, owner, { name: "Fixture app" });
  const users: Record<Actor, SignedInUser | null> = {
    ...a.users,
    nonMember: outsider,
    signedOut: null,
  };
  const expectedMemberships = [
    ...ROLES.map((role) => ({ teamId: a.team.id, userId: a.users[role].id, role })),
    { teamId: a.team.id, userId: spare.id, role: "viewer" as Role },
  ];
  /** Puts every membership of the fixture team back, whatever the last call changed. */
  const restore = async () => {
    await db.membership.deleteMany({
      where: {
        teamId: a.team.id,
        userId: { notIn: expectedMemberships.map((m) => m.userId) },
      },
    });
    for (const m of expectedMemberships) {
      await db.membership.upsert({
        where: { teamId_userId: { teamId: m.teamId, userId: m.userId } },
        update: { role: m.role },
        create: m,
      });
    }
  };
  const invite = async () => createInvitation(deps, owner, { role: "viewer" });
  const asOwner = server.callerFor(a.users.owner);
  let count = 0;
  const profileFields = (name: string) => ({
    name,
    identityProviderName: "Example IdP",
    tokenRequestUrl: "https://idp.example.com/oauth/token",
    clientId: "matrix-client",
    clientSecret: "matrix-client-secret",
  });
  const newProfile = async () => {
    const name = `Scratch profile ${++count}`;
    const { id } = await asOwner.profile.create({
      teamId: a.team.id,
      appId: app.id,
      profile: profileFields(name),
    });
    return { id, name };
  };
  /** A private_key_jwt profile; `withNext`, with a next key added (by the owner). */
  const newKeyProfile = async (withNext = false) => {
    const name = `Scratch key profile ${++count}`;
    const { id } = await asOwner.profile.create({
      teamId: a.team.id,
      appId: app.id,
      profile: { ...profileFields(name), clientAuthMethod: "private_key_jwt" },
    });
    const ref = { teamId: a.team.id, appId: app.id, profileId: id };
    if (withNext) await asOwner.profile.addNextKey(ref);
    return ref;
  };
  const profile = await newProfile();
  // A finished run: a stream of it answers once and ends.
  const run = await db.testRun.create({
    data: { teamId: a.team.id, profileId: profile.id, status: "failed", finishedAt: new Date() },
  });
  // A console request that has its answer: a stream of it answers once and ends.
  const call = await db.apiCall.create({
    data: {
      teamId: a.team.id,
      profileId: profile.id,
      method: "GET",
      path: "/",
      status: "answered",
      httpStatus: 200,
      finishedAt: new Date(),
    },
  });
  const newApiKey = () =>
    asOwner.apiKey.create({ teamId: a.team.id, name: `Scratch key ${++count}`, appIds: [app.id] });
  // Every call of every procedure makes a channel, past the 20 a team may have: the earlier
  // ones, used by calls already made, go first.
  const roomForChannel = () => db.notificationChannel.deleteMany({ where: { teamId: a.team.id } });
  const newChannel = async () => {
    await roomForChannel();
    return asOwner.notification.create({
      teamId: a.team.id,
      kind: "webhook",
      name: `Scratch channel ${++count}`,
      url: "https://hooks.example.com/authdeck",
      events: ["profile.refresh.failing"],
      appIds: [],
    });
  };
  return {
    teamId: a.team.id,
    teamName: a.team.name,
    appId: app.id,
    profileId: profile.id,
    runId: run.id,
    callId: call.id,
    spareId: spare.id,
    users,
    restore,
    invite,
    newApp: () => createApp(deps, owner, { name: `Scratch app ${++count}` }),
    nextName: (what: string) => `Matrix ${what} ${++count}`,
    certificatePem: (await issueCertificate({ commonName: "Matrix client" })).cert,
    profileFields,
    newProfile,
    newKeyProfile,
    newApiKey,
    newChannel,
    roomForChannel,
  };
}

export type Fixture = Awaited<ReturnType<typeof createFixture>>;

/** What an allowed call ends with when it is not plain success: a refusal after authorization. */
export type Expected = { code: TRPCError["code"]; message?: RegExp };

/**
 * A harmless input per procedure: it passes authorization for allowed callers, and what it
 * changes is undone by `restore` or made afresh for each call, so no call spoils the next.
 */
export const SAMPLES: Record<
  string,
  {
    input: (f: Fixture, actor: Actor) => unknown;
    /** For allowed callers; without it, an allowed call must succeed. */
    allowed?: Partial<Record<Actor, Expected>> & { all?: Expected };
  }
> = {
  "health.status": { input: () => undefined },
  "me.get": { input: () => undefined },
  "team.list": { input: () => undefined },
  "team.create": { input: (_, actor) => ({ name: `Created by ${actor}` }) },
  "team.get": { input: (f) => ({ teamId: f.teamId }) },
  "team.rename": { input: (f) => ({ teamId: f.teamId, name: f.teamName }) },
  "team.delete": {
    input: (f) => ({ teamId: f.teamId, confirmName: "Not the team's name" }),
    allowed: { all: { code: "BAD_REQUEST", message: /Type the team's name exactly/ } },
  },
  "team.transferOwnership": {
    input: (f) => ({ teamId: f.teamId, userId: f.users.owner!.id }),
    allowed: { all: { code: "BAD_REQUEST", message: /already own/ } },
  },
  "team.egressAllowlist": { input: (f) => ({ teamId: f.teamId }) },
  "team.setEgressAllowlist": { input: (f) => ({ teamId: f.teamId, rules: ["10.20.0.0/16"] }) },
  "team.leave": {
    input: (f) => ({ teamId: f.teamId }),
    allowed: { owner: { code: "FORBIDDEN", message: /^Transfer ownership/ } },
  },
  "member.list": { input: (f) => ({ teamId: f.teamId }) },
  "member.changeRole": {
    input: (f) => ({ teamId: f.teamId, userId: f.spareId, role: "viewer" }),
  },
  "member.remove": { input: (f) => ({ teamId: f.teamId, userId: f.spareId }) },
  "invitation.create": { input: (f) => ({ teamId: f.teamId, role: "viewer" }) },
  "invitation.list": { input: (f) => ({ teamId: f.teamId }) },
  "invitation.revoke": {
    input: async (f) => ({ teamId: f.teamId, invitationId: (await f.invite()).id }),
  },
  "invitation.preview": { input: async (f) => ({ token: (await f.invite()).token }) },
  "invitation.accept": { input: async (f) => ({ token: (await f.invite()).token }) },
  "app.list": { input: (f) => ({ teamId: f.teamId }) },
  "app.get": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "app.create": { input: (f) => ({ teamId: f.teamId, name: f.nextName("app") }) },
  "app.rename": { input: (f) => ({ teamId: f.teamId, appId: f.appId, name: "Fixture app" }) },
  "app.delete": {
    input: async (f) => ({
      teamId: f.teamId,
      appId: (await f.newApp()).id,
      confirmProfileCount: 0,
    }),
  },
  "profile.list": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "profile.get": { input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }) },
  "profile.create": {
    input: (f) => ({
      teamId: f.teamId,
      appId: f.appId,
      // DPoP on: the save makes and seals a key.
      profile: { ...f.profileFields(f.nextName("profile")), dpop: true },
    }),
  },
  "profile.update": {
    input: async (f) => {
      const { id, name } = await f.newProfile();
      const profile = { ...f.profileFields(name), description: "Edited", clientSecret: undefined };
      return { teamId: f.teamId, appId: f.appId, profileId: id, version: 1, profile };
    },
  },
  "profile.duplicate": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "profile.delete": {
    input: async (f) => ({
      teamId: f.teamId,
      appId: f.appId,
      profileId: (await f.newProfile()).id,
    }),
  },
  "profile.addNextKey": { input: (f) => f.newKeyProfile() },
  "profile.switchToNextKey": {
    input: (f) => f.newKeyProfile(true),
    allowed: { all: { code: "CONFLICT", message: /Run "Test with next key" first/ } },
  },
  "profile.retirePreviousKey": {
    input: (f) => f.newKeyProfile(),
    allowed: { all: { code: "CONFLICT", message: /no previous key/ } },
  },
  "profile.preview": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "profile.describeCertificate": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, certificate: f.certificatePem }),
  },
  "profile.export": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  // Discard port on loopback: refused at once (by the egress guard or the port), no traffic out.
  "profile.fetchMetadata": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, issuer: "http://127.0.0.1:9" }),
  },
  "profile.import": {
    input: (f) => ({
      teamId: f.teamId,
      appId: f.appId,
      document: {
        format: "authdeck.profiles",
        version: 1,
        profiles: [
          {
            name: f.nextName("import"),
            identityProviderName: "Example IdP",
            tokenRequestUrl: "https://idp.example.com/oauth/token",
          },
        ],
      },
    }),
  },
  "testRun.start": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "testRun.cancel": { input: (f) => ({ teamId: f.teamId, appId: f.appId, runId: f.runId }) },
  // The fixture's run failed: it has no token to copy.
  "testRun.revealToken": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, runId: f.runId }),
    allowed: { all: { code: "CONFLICT", message: /obtained a token/ } },
  },
  "testRun.get": { input: (f) => ({ teamId: f.teamId, appId: f.appId, runId: f.runId }) },
  "testRun.list": { input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }) },
  "testRun.onUpdate": { input: (f) => ({ teamId: f.teamId, appId: f.appId, runId: f.runId }) },
  "token.dashboard": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "token.onChange": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "token.setAutoRefresh": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId, enabled: false }),
  },
  "token.recentTenants": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "token.refreshNow": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  // The fixture's profile has no metadata: past authorization, both are refused.
  "token.revoke": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
    allowed: { all: { code: "CONFLICT", message: /no revocation endpoint/ } },
  },
  "token.revokeAll": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
    allowed: { all: { code: "CONFLICT", message: /no revocation endpoint/ } },
  },
  "token.inspect": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
    allowed: { all: { code: "CONFLICT", message: /no introspection endpoint/ } },
  },
  "healthCheck.get": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "healthCheck.onChange": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "healthCheck.ofApp": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "healthCheck.onAppChange": { input: (f) => ({ teamId: f.teamId, appId: f.appId }) },
  "healthCheck.save": {
    input: (f) => ({
      teamId: f.teamId,
      appId: f.appId,
      profileId: f.profileId,
      check: { enabled: true, intervalMinutes: 5, method: "GET", path: "/", expectedStatus: 200 },
    }),
    // The fixture's profile has no API Base URL: past authorization, the check is refused.
    allowed: { all: { code: "BAD_REQUEST", message: /API Base URL first/ } },
  },
  "healthCheck.checkNow": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
    allowed: { all: { code: "CONFLICT", message: /no health check turned on/ } },
  },
  "apiCall.send": {
    input: (f) => ({
      teamId: f.teamId,
      appId: f.appId,
      profileId: f.profileId,
      request: { method: "GET", path: "/" },
    }),
    // The fixture's profile has no API Base URL: past authorization, nothing is sent.
    allowed: { all: { code: "CONFLICT", message: /Set an API Base URL/ } },
  },
  "apiCall.list": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "apiCall.onList": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId }),
  },
  "apiCall.get": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId, callId: f.callId }),
  },
  "apiCall.onUpdate": {
    input: (f) => ({ teamId: f.teamId, appId: f.appId, profileId: f.profileId, callId: f.callId }),
  },
  "credential.list": { input: (f) => ({ teamId: f.teamId }) },
  "apiKey.list": { input: (f) => ({ teamId: f.teamId }) },
  "apiKey.create": {
    input: (f) => ({ teamId: f.teamId, name: f.nextName("key"), appIds: [f.appId] }),
  },
  "apiKey.revoke": {
    input: async (f) => ({ teamId: f.teamId, apiKeyId: (await f.newApiKey()).id }),
  },
  "notification.list": { input: (f) => ({ teamId: f.teamId }) },
  "notification.deliveries": {
    input: async (f) => ({ teamId: f.teamId, channelId: (await f.newChannel()).id }),
  },
  "notification.create": {
    input: async (f) => {
      await f.roomForChannel();
      return {
        teamId: f.teamId,
        kind: "webhook",
        name: f.nextName("channel"),
        url: "https://hooks.example.com/authdeck",
        events: ["profile.health.failing"],
        appIds: [f.appId],
      };
    },
  },
  "notification.delete": {
    input: async (f) => ({ teamId: f.teamId, channelId: (await f.newChannel()).id }),
  },
  "notification.pause": {
    input: async (f) => ({ teamId: f.teamId, channelId: (await f.newChannel()).id }),
  },
  "notification.resume": {
    input: async (f) => ({ teamId: f.teamId, channelId: (await f.newChannel()).id }),
  },
  "notification.sendTest": {
    input: async (f) => ({ teamId: f.teamId, channelId: (await f.newChannel()).id }),
  },
  "audit.list": { input: (f) => ({ teamId: f.teamId, limit: 5 }) },
  "audit.filterOptions": { input: (f) => ({ teamId: f.teamId }) },
};
