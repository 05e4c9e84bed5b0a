import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer } from "../../src/crypto/index.ts";
import type { Db } from "../../src/db/index.ts";
import { createProfile, listProfiles, type ProfileDeps } from "../../src/profiles/index.ts";
import { listProfilesInput, profileFieldsSchema } from "../../src/schemas/profile.ts";
import { ensureTokenState, tokenDashboard } from "../../src/tokens/index.ts";
import { createTeamWithMembers, openTestDb } from "../fixtures.ts";

let db: Db;
let close: () => Promise<void>;
let deps: ProfileDeps;

beforeAll(async () => {
  ({ db, close } = await openTestDb("token_state_agreement"));
  const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 9).toString("base64")}`);
  if (!keyRing.ok) throw new Error(keyRing.error);
  deps = { db, now: () => new Date(), sealer: createSealer(keyRing.keyRing) };
});
afterAll(async () => close());

const MINUTE = 60_000;

// Rows as the worker leaves them; the two pages must name each the same way.
const CASES = [
  ["a row made for a first refresh, never holding a token", {}, "none"],
  ["a row marked expired that never held a token", { status: "expired" as const }, "none"],
  [
    "a fresh token past its expiry",
    { status: "fresh" as const, accessTokenSealed: "x", expiresAt: new Date(Date.now() - MINUTE) },
    "expired",
  ],
  [
    "a fresh token",
    { status: "fresh" as const, accessTokenSealed: "x", expiresAt: new Date(Date.now() + MINUTE) },
    "fresh",
  ],
  ["a failing refresh", { status: "failing" as const }, "failing"],
  [
    "a refresh under way",
    { status: "fresh" as const, accessTokenSealed: "x", leaseUntil: new Date(Date.now() + MINUTE) },
    "refreshing",
  ],
] as const;

describe("a token's state", () => {
  it.each(CASES)(
    "is the same on the profile list and the Tokens page: %s",
    async (_, row, state) => {
      const team = await createTeamWithMembers(deps, `Team ${randomUUID().slice(0, 6)}`);
      const app = await createApp(deps, await team.as("admin"), { name: "States" });
      const editor = await team.as("editor");
      const { id: profileId } = await createProfile(deps, editor, {
        appId: app.id,
        profile: profileFieldsSchema.parse({
          name: "Orders API",
          identityProviderName: "IdP",
          clientId: "client",
          clientSecret: "secret-value",
          tokenRequestUrl: "https://idp.example.com/token",
        }),
      });
      const made = await ensureTokenState(db, { teamId: team.team.id, profileId, tenant: "" });
      await db.tokenState.update({ where: { id: made.id }, data: row });

      const viewer = await team.as("viewer");
      const listed = await listProfiles(
        deps,
        viewer,
        listProfilesInput.parse({ teamId: team.team.id, appId: app.id }),
      );
      const dashboard = await tokenDashboard(deps, viewer, { appId: app.id });
      const onDashboard = dashboard.profiles[0]?.tokens[0]?.status;
      expect(listed.profiles[0]?.token?.status).toBe(state);
      expect(onDashboard).toBe(state);
    },
  );
});
