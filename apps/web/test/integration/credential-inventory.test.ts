import { createUsageBatch } from "@authdeck/core/api-keys";
import { fieldErrorsOf } from "@authdeck/core/client";
import { issueCertificate } from "@authdeck/test-support/certificates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTeamWithMembers,
  outcomeOf,
  type Server,
  type SignedInUser,
  startServer,
} from "../support/harness.ts";

/**
 * The Credentials page's procedure and the "Client secret expires on" date behind it, over the
 * real router and PostgreSQL: the team's own profiles only, readable by every role, never a
 * secret, ranked "needs attention first".
 */

const server: Server = await startServer("credential_inventory");
afterAll(async () => server.close());

const DAY = 24 * 60 * 60 * 1000;
/** The calendar day `days` from now, as the date field sends it. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const SECRET = "inventory-client-secret-value";

type Team = Awaited<ReturnType<typeof createTeamWithMembers>>;
let team: Team;
let other: Team;
let teamId: string;
let appId: string;
const as = (user: SignedInUser) => server.callerFor(user);
const fields = (name: string) => ({
  name,
  identityProviderName: "Entra ID",
  tokenRequestUrl: "https://login.example.com/oauth2/token",
  clientId: `${name}-client`,
  clientSecret: SECRET,
});
const ids: Record<string, string> = {};

beforeAll(async () => {
  team = await createTeamWithMembers(server.db, "Inventory");
  other = await createTeamWithMembers(server.db, "Elsewhere");
  teamId = team.team.id;
  const owner = as(team.users.owner);
  appId = (await owner.app.create({ teamId, name: "Billing" })).id;
  const create = async (name: string, profile: Record<string, unknown>) => {
    const input = { ...fields(name), ...profile };
    ids[name] = (await owner.profile.create({ teamId, appId, profile: input })).id;
  };
  await create("Later secret", { clientSecretExpiresOn: dayIn(20) });
  await create("Soon secret", { clientSecretExpiresOn: dayIn(5) });
  await create("No expiry", {});
  const certificate = await issueCertificate({
    commonName: "inventory",
    notAfter: new Date(Date.now() + 2.5 * DAY),
  });
  await create("Certificate", {
    clientAuthMethod: "tls_client_auth",
    clientSecret: undefined,
    clientCertificate: certificate.cert,
    clientCertificateKey: certificate.key,
  });
  const elsewhere = as(other.users.owner);
  const otherApp = await elsewhere.app.create({ teamId: other.team.id, name: "Other app" });
  await elsewhere.profile.create({
    teamId: other.team.id,
    appId: otherApp.id,
    profile: { ...fields("Other team's"), clientSecretExpiresOn: dayIn(1) },
  });
});

describe("credential.list", () => {
  it("lists the team's profiles only, needs attention first, to a viewer, without a secret", async () => {
    const listed = await as(team.users.viewer).credential.list({ teamId });
    expect(listed.total).toBe(4);
    expect(listed.credentials.map((c) => c.name)).toEqual([
      "Certificate",
      "Soon secret",
      "Later secret",
      "No expiry",
    ]);
    const byName = Object.fromEntries(listed.credentials.map((c) => [c.name, c]));
    expect(byName.Certificate?.flags.map((f) => f.label)).toEqual(["Expires in 3 days"]);
    expect(byName["Soon secret"]).toMatchObject({
      app: { id: appId, name: "Billing" },
      clientAuthMethod: "client_secret_basic",
      secretExpiresOn: dayIn(5),
      flags: [{ kind: "expiring", threshold: 7 }],
      health: "not_checked",
      lastChange: { by: team.users.owner.name },
    });
    expect(byName["Later secret"]?.flags).toMatchObject([{ kind: "expiring", threshold: 30 }]);
    expect(byName["No expiry"]?.flags).toEqual([]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
  });

  it("answers NOT_FOUND to someone of another team", async () => {
    const outcome = await outcomeOf(as(other.users.owner).credential.list({ teamId }));
    expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("shows the last use by a service, a failing refresh, and who changed a profile last", async () => {
    const usedAt = new Date(Date.now() - 2 * 60_000);
    const key = await as(team.users.owner).apiKey.create({ teamId, name: "Svc", appIds: [appId] });
    // Counted as the proxy and the token API count their calls.
    const usage = createUsageBatch(server.db);
    usage.count({ apiKeyId: key.id, profileId: ids["No expiry"]!, at: usedAt });
    await usage.close();
    await server.db.tokenState.create({
      data: { teamId, profileId: ids["No expiry"]!, status: "failing", consecutiveFailures: 3 },
    });
    const editor = as(team.users.editor);
    const stored = await editor.profile.get({ teamId, appId, profileId: ids["No expiry"]! });
    await editor.profile.update({
      teamId,
      appId,
      profileId: stored.id,
      version: stored.version,
      profile: { ...fields("No expiry"), clientSecret: undefined, description: "Changed" },
    });
    const listed = await as(team.users.viewer).credential.list({ teamId });
    const row = listed.credentials.find((c) => c.name === "No expiry");
    expect(row?.lastUsedAt?.getTime()).toBe(Math.floor(usedAt.getTime() / 60_000) * 60_000);
    expect(row?.refreshFailing).toBe(true);
    expect(row?.flags).toEqual([{ kind: "failing", label: "Failing" }]);
    expect(row?.lastChange.by).toBe(team.users.editor.name);
    // Failing comes after every expiry, before the rest.
    expect(listed.credentials.map((c) => c.name).indexOf("No expiry")).toBe(3);
  });
});

it("flags a failing health check, and reads a check turned off as not checked", async () => {
  const profileId = ids["Soon secret"]!;
  await server.db.healthCheck.create({
    data: { teamId, profileId, status: "failing", nextCheckAt: new Date(Date.now() + DAY) },
  });
  const rowOf = async () =>
    (await as(team.users.viewer).credential.list({ teamId })).credentials.find(
      (c) => c.id === profileId,
    );
  expect(await rowOf()).toMatchObject({
    health: "failing",
    flags: [{ kind: "expiring" }, { kind: "failing", label: "Failing" }],
  });
  await server.db.healthCheck.update({ where: { profileId }, data: { enabled: false } });
  expect(await rowOf()).toMatchObject({ health: "not_checked", flags: [{ kind: "expiring" }] });
});

describe("Client secret expires on", () => {
  const ref = () => ({ teamId, appId, profileId: ids["Later secret"]! });

  it("round-trips through edit, is audited, exported and duplicated", async () => {
    const owner = as(team.users.owner);
    const stored = await owner.profile.get(ref());
    expect(stored.clientSecretExpiresOn).toBe(dayIn(20));
    await owner.profile.update({
      ...ref(),
      version: stored.version,
      profile: {
        ...fields("Later secret"),
        clientSecret: undefined,
        clientSecretExpiresOn: "2031-02-28",
      },
    });
    expect((await owner.profile.get(ref())).clientSecretExpiresOn).toBe("2031-02-28");
    const event = await server.db.auditEvent.findFirst({
      where: { targetId: ref().profileId, action: "profile.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(event?.changes).toEqual({ clientSecretExpiresOn: "2031-02-28" });
    const exported = await owner.profile.export({ teamId, appId });
    expect(exported.profiles.find((p) => p.name === "Later secret")).toMatchObject({
      clientSecretExpiresOn: "2031-02-28",
    });
    const copy = await owner.profile.duplicate(ref());
    const copied = await owner.profile.get({ teamId, appId, profileId: copy.id });
    expect(copied.clientSecretExpiresOn).toBe("2031-02-28");
    await owner.profile.delete({ teamId, appId, profileId: copy.id });
  });

  it("arrives with an import, and a bad one in a file is refused at its profile's field", async () => {
    const owner = as(team.users.owner);
    const document = (clientSecretExpiresOn: string) => ({
      format: "authdeck.profiles" as const,
      version: 1 as const,
      profiles: [
        {
          name: `Imported ${clientSecretExpiresOn}`,
          identityProviderName: "Okta",
          tokenRequestUrl: "https://okta.example.com/oauth2/v1/token",
          hasClientSecret: true,
          clientSecretExpiresOn,
        },
      ],
    });
    const refused = await outcomeOf(
      owner.profile.import({ teamId, appId, document: document("2031-04-31") }),
    );
    expect(refused).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(refused.ok ? {} : fieldErrorsOf(refused.cause)).toEqual({
      "profiles.0.clientSecretExpiresOn":
        "Imported 2031-04-31: Client secret expires on: enter a real date, such as 2027-03-31",
    });
    await owner.profile.import({ teamId, appId, document: document("2031-04-30") });
    const imported = await server.db.authorizationProfile.findFirstOrThrow({
      where: { teamId, name: "Imported 2031-04-30" },
    });
    expect(
      (await owner.profile.get({ teamId, appId, profileId: imported.id })).clientSecretExpiresOn,
    ).toBe("2031-04-30");
    await owner.profile.delete({ teamId, appId, profileId: imported.id });
  });

  it("refuses a date that does not exist at its field, and changes nothing", async () => {
    const owner = as(team.users.owner);
    const before = await owner.profile.get(ref());
    for (const day of ["2031-02-30", "31.12.2031", "soon"]) {
      const outcome = await outcomeOf(
        owner.profile.update({
          ...ref(),
          version: before.version,
          profile: { ...fields("Later secret"), clientSecretExpiresOn: day },
        }),
      );
      expect(outcome).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(outcome.ok ? {} : fieldErrorsOf(outcome.cause)).toEqual({
        "profile.clientSecretExpiresOn":
          "Client secret expires on: enter a real date, such as 2027-03-31",
      });
    }
    const created = await outcomeOf(
      owner.profile.create({
        teamId,
        appId,
        profile: { ...fields("Bad date"), clientSecretExpiresOn: "2031-13-01" },
      }),
    );
    expect(created).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const after = await owner.profile.get(ref());
    expect(after.version).toBe(before.version);
    expect(after.clientSecretExpiresOn).toBe(before.clientSecretExpiresOn);
    expect(await server.db.authorizationProfile.count({ where: { name: "Bad date" } })).toBe(0);
  });

  it("cannot be changed by a viewer", async () => {
    const stored = await as(team.users.owner).profile.get(ref());
    const outcome = await outcomeOf(
      as(team.users.viewer).profile.update({
        ...ref(),
        version: stored.version,
        profile: { ...fields("Later secret"), clientSecretExpiresOn: "2040-01-01" },
      }),
    );
    expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await as(team.users.owner).profile.get(ref())).clientSecretExpiresOn).toBe(
      stored.clientSecretExpiresOn,
    );
  });
});
