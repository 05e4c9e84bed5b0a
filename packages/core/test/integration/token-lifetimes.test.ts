// @module-tag resilience
import { describe, expect, it } from "vitest";
import { ensureTokenState, refreshTokenState } from "../../src/tokens/index.ts";
import {
  loopbackRefresher,
  recorderProfile,
  saveProfile,
  testProfile,
  useTokenRunKit,
} from "../token-runs.ts";

const YEAR_MS = 365 * 24 * 3600 * 1000;

const kit = useTokenRunKit("lifetimes");
const runner = { egressAllow: ["127.0.0.0/8"] };
const profile = recorderProfile("Lifetimes", "lifetime-secret");

/** An unsigned JWT with these claims: Authdeck reads exp without checking signatures. */
const jwtWith = (claims: Record<string, unknown>) =>
  [{ alg: "none", typ: "JWT" }, claims, "sig"]
    .map((part) =>
      typeof part === "string" ? part : Buffer.from(JSON.stringify(part)).toString("base64url"),
    )
    .join(".");

// Finite, so JSON carries it, but 1e303 ms is far past the last date a Date can hold.
const ABSURD_EXP = 1e300;

const stateOf = (profileId: string) => kit.db.tokenState.findFirstOrThrow({ where: { profileId } });

describe("absurd token lifetimes", () => {
  it.each([
    ["expires_in 8.64e12 s", { expiresIn: 8.64e12 }, "ok"],
    ["expires_in 1e13 s", { expiresIn: 1e13 }, "ok"],
    [
      "a JWT exp of 1e300",
      { accessToken: jwtWith({ sub: "svc", exp: ABSURD_EXP }) },
      "no-expires-in",
    ],
  ] as const)(
    "a test given %s succeeds, with a warning and a token living one year",
    async (_label, options, behaviour) => {
      const server = await kit.serve(options);
      const { run, saved } = await testProfile(kit, profile(server.urlFor(behaviour)), runner);

      expect(run.status).toBe("succeeded");
      expect(run.warnings.some((w) => w.includes("more than a year"))).toBe(true);
      const state = await stateOf(saved.profileId);
      expect(state.accessTokenSealed).not.toBeNull();
      expect(state.expiresAt!.getTime() - state.obtainedAt!.getTime()).toBe(YEAR_MS);
      expect(state.nextRefreshAt!.getTime()).toBeLessThan(state.expiresAt!.getTime());
    },
  );

  it("a refresh given expires_in 1e13 s records its run and its token together", async () => {
    const server = await kit.serve({ expiresIn: 1e13 });
    const saved = await saveProfile(kit, profile(server.urlFor("ok")));
    const state = await ensureTokenState(kit.db, {
      teamId: saved.teamId,
      profileId: saved.profileId,
      tenant: "",
    });

    const result = await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });

    expect(result).toBe("refreshed");
    const runs = await kit.db.testRun.findMany({
      where: { profileId: saved.profileId, trigger: "refresh" },
    });
    expect(runs.map((r) => r.status)).toEqual(["succeeded"]);
    expect(runs[0]!.warnings.some((w) => w.includes("more than a year"))).toBe(true);
    const stored = await stateOf(saved.profileId);
    expect(stored).toMatchObject({ status: "fresh", leaseUntil: null });
    expect(stored.accessTokenSealed).not.toBeNull();
    expect(stored.expiresAt!.getTime() - stored.obtainedAt!.getTime()).toBe(YEAR_MS);
  });
});

describe("a refresh whose token cannot be stored", () => {
  it("leaves no run recorded as succeeded without its token", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(kit, profile(server.urlFor("ok")));
    const state = await ensureTokenState(kit.db, {
      teamId: saved.teamId,
      profileId: saved.profileId,
      tenant: "",
    });
    // The database refuses this one token write, as a full disk or a lost connection would.
    await kit.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_token_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'token write refused'; END $$`);
    await kit.db.$executeRawUnsafe(`
      CREATE TRIGGER refuse_token_write BEFORE UPDATE ON token_state FOR EACH ROW
      WHEN (NEW.id = '${state.id}' AND NEW.access_token_sealed IS NOT NULL)
      EXECUTE FUNCTION refuse_token_write()`);
    try {
      await expect(
        refreshTokenState(loopbackRefresher(kit), { stateId: state.id }),
      ).rejects.toThrow();
    } finally {
      await kit.db.$executeRawUnsafe("DROP TRIGGER refuse_token_write ON token_state");
      await kit.db.$executeRawUnsafe("DROP FUNCTION refuse_token_write()");
    }

    expect(server.requests).toHaveLength(1);
    expect(
      await kit.db.testRun.count({ where: { profileId: saved.profileId, trigger: "refresh" } }),
    ).toBe(0);
    expect((await stateOf(saved.profileId)).accessTokenSealed).toBeNull();
  });
});
