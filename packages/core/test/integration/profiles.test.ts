// @module-tag resilience
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { testServers, withDatabase } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import {
  createSealer,
  rotateSealedSecrets,
  SEALED_COLUMNS,
  SealError,
} from "../../src/crypto/index.ts";
import type { Db } from "../../src/db/index.ts";
import {
  createProfile,
  duplicateProfile,
  exportProfiles,
  getProfile,
  importProfiles,
  listProfiles,
  type ProfileDeps,
  previewTokenRequest,
  updateProfile,
} from "../../src/profiles/index.ts";
import {
  exportDocumentSchema,
  type ProfileFieldsInput,
  profileFieldsSchema,
} from "../../src/schemas/profile.ts";
import { appErrorOf, createTeamWithMembers, openTestDb } from "../fixtures.ts";

const run = promisify(execFile);
const ring = (value: string) => {
  const parsed = parseKeyRing(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.keyRing;
};
const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");
const CANARY = "canary-secret-7f3a9c";
const FIELD_CANARY = "field-canary-51be";

let db: Db;
let close: () => Promise<void>;
let databaseUrl: string;
let deps: ProfileDeps;

beforeAll(async () => {
  const opened = await openTestDb("profiles");
  db = opened.db;
  close = opened.close;
  const [current] = await db.$queryRaw<Array<{ name: string }>>`SELECT current_database() AS name`;
  databaseUrl = withDatabase(testServers.databaseUrl, current!.name);
  deps = { db, now: () => new Date(), sealer: createSealer(ring(`k1:${key(1)}`)) };
});
afterAll(async () => close());

const base: ProfileFieldsInput = {
  name: "Asana",
  identityProviderName: "Asana",
  clientId: "client-1",
  clientSecret: CANARY,
  tokenRequestUrl: "https://auth.example.com/oauth/token",
  scopes: [{ key: "scope", value: "read" }],
  fields: [
    { type: "header", key: "X-Api-Key", value: FIELD_CANARY, secret: true },
    { type: "query", key: "api-version", value: "2024", secret: false },
  ],
};
const fields = (input: Partial<ProfileFieldsInput> = {}) =>
  profileFieldsSchema.parse({ ...base, ...input });

async function setUp(name: string) {
  const team = await createTeamWithMembers(deps, name);
  const editor = await team.as("editor");
  const app = await createApp(deps, await team.as("admin"), { name: "assistant" });
  return { ...team, editor, app };
}

/** `setUp` with one profile made by the editor from `fields()`. */
async function setUpWithProfile(name: string) {
  const team = await setUp(name);
  const created = await createProfile(deps, team.editor, {
    appId: team.app.id,
    profile: fields(),
  });
  return { ...team, created };
}

describe("authorization profiles", () => {
  it("seal the client secret and secret field values: no column holds them in clear", async () => {
    const { editor, app, created } = await setUpWithProfile("Sealed");
    const { stdout } = await run("pg_dump", ["--data-only", databaseUrl], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toContain("client-1");
    expect(stdout).not.toContain(CANARY);
    expect(stdout).not.toContain(FIELD_CANARY);

    const shown = await getProfile(deps, editor, { appId: app.id, profileId: created.id });
    expect(shown.hasClientSecret).toBe(true);
    expect(shown.fields[0]).toEqual({
      type: "header",
      key: "X-Api-Key",
      secret: true,
      value: undefined,
      hasValue: true,
    });
    expect(JSON.stringify(shown)).not.toContain(CANARY);
  });

  it("keep a new profile's token fresh by default, unless it is created with auto-refresh off", async () => {
    const { editor, app } = await setUp("Auto-refresh default");
    const on = await createProfile(deps, editor, { appId: app.id, profile: fields() });
    const off = await createProfile(deps, editor, {
      appId: app.id,
      profile: fields({ name: "Manual" }),
      autoRefresh: false,
    });
    expect((await getProfile(deps, editor, { appId: app.id, profileId: on.id })).autoRefresh).toBe(
      true,
    );
    expect((await getProfile(deps, editor, { appId: app.id, profileId: off.id })).autoRefresh).toBe(
      false,
    );
  });

  it("bind each ciphertext to its row: moved to another profile it does not open", async () => {
    const { editor, app } = await setUp("Bound");
    const a = await createProfile(deps, editor, { appId: app.id, profile: fields({ name: "A" }) });
    const b = await createProfile(deps, editor, {
      appId: app.id,
      profile: fields({ name: "B", clientSecret: "other" }),
    });
    const rowA = await db.authorizationProfile.findUniqueOrThrow({ where: { id: a.id } });
    const context = (rowId: string) => ({
      table: "authorization_profile",
      rowId,
      column: "client_secret_sealed",
    });
    expect(deps.sealer.open(rowA.clientSecretSealed!, context(a.id))).toBe(CANARY);
    await db.authorizationProfile.update({
      where: { id: b.id },
      data: { clientSecretSealed: rowA.clientSecretSealed },
    });
    const rowB = await db.authorizationProfile.findUniqueOrThrow({ where: { id: b.id } });
    expect(() => deps.sealer.open(rowB.clientSecretSealed!, context(b.id))).toThrow(SealError);
    await db.authorizationProfile.delete({ where: { id: b.id } });
  });

  it("refuse a name already used in the app, whatever its case, on the Name field", async () => {
    const { editor, app } = await setUp("Names");
    await createProfile(deps, editor, { appId: app.id, profile: fields() });
    const error = await appErrorOf(
      createProfile(deps, editor, { appId: app.id, profile: fields({ name: "ASANA" }) }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.details.fieldErrors).toEqual({
      name: "A profile with this name already exists in this app",
    });
  });

  it("keep the stored secret on edit, replace it when a new one is given", async () => {
    const { editor, app, created } = await setUpWithProfile("Edit");
    const kept = await updateProfile(deps, editor, {
      appId: app.id,
      profileId: created.id,
      version: created.version,
      profile: fields({
        clientSecret: undefined,
        description: "changed",
        fields: [{ type: "header", key: "X-Api-Key", secret: true }],
      }),
    });
    const row = await db.authorizationProfile.findUniqueOrThrow({
      where: { id: created.id },
      include: { fields: true },
    });
    const open = (sealed: string, rowId: string, table: string, column: string) =>
      deps.sealer.open(sealed, { table, rowId, column });
    expect(
      open(row.clientSecretSealed!, created.id, "authorization_profile", "client_secret_sealed"),
    ).toBe(CANARY);
    expect(
      open(row.fields[0]!.valueSealed!, row.fields[0]!.id, "authorization_field", "value_sealed"),
    ).toBe(FIELD_CANARY);
    expect(row.description).toBe("changed");

    await updateProfile(deps, editor, {
      appId: app.id,
      profileId: created.id,
      version: kept.version,
      profile: fields({ clientSecret: "replaced-secret" }),
    });
    const replaced = await db.authorizationProfile.findUniqueOrThrow({ where: { id: created.id } });
    expect(
      open(
        replaced.clientSecretSealed!,
        created.id,
        "authorization_profile",
        "client_secret_sealed",
      ),
    ).toBe("replaced-secret");
    const events = await db.auditEvent.findMany({
      where: { targetId: created.id, action: "profile.update" },
    });
    expect(JSON.stringify(events)).not.toContain("replaced-secret");
    expect(events.map((e) => (e.changes as Record<string, unknown>).clientSecret)).toContain(
      "[replaced]",
    );
  });

  it("refuse a stale edit with a conflict and change nothing", async () => {
    const { editor, app, created } = await setUpWithProfile("Stale");
    await updateProfile(deps, editor, {
      appId: app.id,
      profileId: created.id,
      version: 1,
      profile: fields({ clientSecret: undefined, description: "first" }),
    });
    const error = await appErrorOf(
      updateProfile(deps, editor, {
        appId: app.id,
        profileId: created.id,
        version: 1,
        profile: fields({ clientSecret: undefined, description: "second" }),
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("Someone else saved this profile");
    expect(
      (await db.authorizationProfile.findUniqueOrThrow({ where: { id: created.id } })).description,
    ).toBe("first");
  });

  it("ask for the secret again when the Token Request URL moves to another origin", async () => {
    const { editor, app, created } = await setUpWithProfile("Origin");
    const moved = fields({
      clientSecret: undefined,
      tokenRequestUrl: "https://evil.example.net/token",
      fields: [],
    });
    const error = await appErrorOf(
      updateProfile(deps, editor, {
        appId: app.id,
        profileId: created.id,
        version: 1,
        profile: moved,
      }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.details.fieldErrors?.clientSecret).toContain("https://evil.example.net");

    const samePlace = fields({
      clientSecret: undefined,
      tokenRequestUrl: "https://auth.example.com/other/path",
      fields: [],
    });
    await expect(
      updateProfile(deps, editor, {
        appId: app.id,
        profileId: created.id,
        version: 1,
        profile: samePlace,
      }),
    ).resolves.toMatchObject({ version: 2 });
  });

  it("duplicate without secrets, marked as needing them", async () => {
    const { editor, app, created } = await setUpWithProfile("Duplicate");
    const copy = await duplicateProfile(deps, editor, { appId: app.id, profileId: created.id });
    expect(copy.name).toBe("Asana (copy)");
    const shown = await getProfile(deps, editor, { appId: app.id, profileId: copy.id });
    expect(shown).toMatchObject({ hasClientSecret: false, needsSecrets: true });
    expect(shown.fields.find((f) => f.secret)?.hasValue).toBe(false);
    expect(
      (await duplicateProfile(deps, editor, { appId: app.id, profileId: created.id })).name,
    ).toBe("Asana (copy 2)");
  });

  it("export without secrets and import as incomplete until a secret is entered", async () => {
    const { editor, app, as } = await setUp("Export");
    await createProfile(deps, editor, { appId: app.id, profile: fields() });
    const exported = await exportProfiles(deps, editor, { appId: app.id });
    const text = JSON.stringify(exported);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(FIELD_CANARY);
    expect(exported.profiles[0]).toMatchObject({ name: "Asana", hasClientSecret: true });

    const other = await createApp(deps, await as("admin"), { name: "other" });
    const document = exportDocumentSchema.parse(JSON.parse(text));
    expect(await importProfiles(deps, editor, { appId: other.id, document })).toEqual({
      imported: 1,
    });
    const list = await listProfiles(deps, editor, {
      appId: other.id,
      search: "",
      sort: "name",
      direction: "asc",
      page: 1,
      pageSize: 50,
    });
    expect(list.profiles[0]).toMatchObject({ name: "Asana", needsSecrets: true });

    const again = await appErrorOf(importProfiles(deps, editor, { appId: other.id, document }));
    expect(again.details.fieldErrors).toEqual({
      "profiles.0.name": "Asana: a profile with this name already exists in this app",
    });

    const imported = list.profiles[0]!;
    await updateProfile(deps, editor, {
      appId: other.id,
      profileId: imported.id,
      version: 1,
      profile: fields({
        clientSecret: "now-entered",
        fields: [
          { type: "header", key: "X-Api-Key", value: "v", secret: true },
          { type: "query", key: "api-version", value: "2024" },
        ],
      }),
    });
    expect(
      (await getProfile(deps, editor, { appId: other.id, profileId: imported.id })).needsSecrets,
    ).toBe(false);
  });

  it("list, search, sort and page on the server", async () => {
    const { editor, app } = await setUp("List");
    for (const name of ["Charlie", "alpha", "Bravo", "delta_1", "Echo%"]) {
      await createProfile(deps, editor, {
        appId: app.id,
        profile: fields({ name, identityProviderName: `${name} IdP` }),
      });
    }
    const list = (input: Partial<Parameters<typeof listProfiles>[2]>) =>
      listProfiles(deps, editor, {
        appId: app.id,
        search: "",
        sort: "name",
        direction: "asc",
        page: 1,
        pageSize: 2,
        ...input,
      });
    const first = await list({});
    expect(first).toMatchObject({ total: 5, totalCapped: false });
    expect(first.profiles.map((p) => p.name)).toEqual(["alpha", "Bravo"]);
    expect(first.profiles[0]).toMatchObject({
      tokenUrlHost: "auth.example.com",
      lastTest: null,
      token: null,
    });
    expect((await list({ page: 3 })).profiles).toHaveLength(1);
    expect((await list({ page: 9 })).total).toBe(5);
    expect((await list({ search: "ECHO%" })).profiles.map((p) => p.name)).toEqual(["Echo%"]);
    expect((await list({ search: "ta_" })).profiles.map((p) => p.name)).toEqual(["delta_1"]);
    expect((await list({ search: "bravo idp" })).total).toBe(1);
    const desc = await list({ sort: "name", direction: "desc", pageSize: 5 });
    expect(desc.profiles).toHaveLength(5);
    expect(JSON.stringify(desc)).not.toContain("v1.");
  });

  it("preview the request with every secret masked", async () => {
    const { editor, app, created } = await setUpWithProfile("Preview");
    const preview = await previewTokenRequest(deps, editor, {
      appId: app.id,
      profileId: created.id,
    });
    expect(preview.request.url).toBe("https://auth.example.com/oauth/token?api-version=2024");
    expect(preview.request.headers).toContainEqual(["X-Api-Key", "********"]);
    expect(preview.curl).toContain("--data-raw 'grant_type=client_credentials&scope=read'");
    expect(JSON.stringify(preview)).not.toContain(CANARY);
  });

  it("rotate every sealed value to the new key while old ones still open", async () => {
    const { editor, app } = await setUp("Rotate");
    const r1 = await createProfile(deps, editor, {
      appId: app.id,
      profile: fields({ name: "R1" }),
    });
    await createProfile(deps, editor, { appId: app.id, profile: fields({ name: "R2" }) });
    // A value that opens nowhere (here: copied from another row) is listed, not a reason to stop.
    const damaged = await createProfile(deps, editor, {
      appId: app.id,
      profile: fields({ name: "R3" }),
    });
    const { clientSecretSealed } = await db.authorizationProfile.findUniqueOrThrow({
      where: { id: r1.id },
    });
    await db.authorizationProfile.update({
      where: { id: damaged.id },
      data: { clientSecretSealed },
    });

    const both = createSealer(ring(`k2:${key(2)},k1:${key(1)}`));
    const { counts, unreadable } = await rotateSealedSecrets({ db, sealer: both });
    expect(unreadable).toEqual([
      { table: "authorization_profile", column: "client_secret_sealed", id: damaged.id },
    ]);
    await db.authorizationProfile.delete({ where: { id: damaged.id } });
    expect(counts["authorization_profile.client_secret_sealed"]).toBeGreaterThanOrEqual(2);

    for (const { table, column } of SEALED_COLUMNS) {
      const stale = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" NOT LIKE 'v1.k2.%'`,
      );
      expect(Number(stale[0]!.n)).toBe(0);
    }
    const onlyNew = createSealer(ring(`k2:${key(2)}`));
    const rows = await db.authorizationProfile.findMany({
      where: { clientSecretSealed: { not: null } },
    });
    for (const row of rows) {
      expect(
        onlyNew.open(row.clientSecretSealed!, {
          table: "authorization_profile",
          rowId: row.id,
          column: "client_secret_sealed",
        }),
      ).toBeTruthy();
    }
  });

  it("keep another team's profiles invisible", async () => {
    const mine = await setUp("Mine");
    const theirs = await setUp("Theirs");
    const created = await createProfile(deps, theirs.editor, {
      appId: theirs.app.id,
      profile: fields(),
    });
    const error = await appErrorOf(
      getProfile(deps, mine.editor, { appId: theirs.app.id, profileId: created.id }),
    );
    expect(error.code).toBe("NOT_FOUND");
    const viaOwnApp = await appErrorOf(
      getProfile(deps, mine.editor, { appId: mine.app.id, profileId: created.id }),
    );
    expect(viaOwnApp.code).toBe("NOT_FOUND");
  });

  it("let viewers read but not write", async () => {
    const { as, app } = await setUp("Viewer");
    const error = await appErrorOf(
      createProfile(deps, await as("viewer"), { appId: app.id, profile: fields() }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});
