// @module-tag resilience
// @module-tag redis-queue
import { ensureTokenState } from "@authdeck/core/tokens";
import { dumpRedisKeys, startTokenServer, type TokenServer } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit, waitFor } from "../support.ts";

// What the sealer writes: v1.<key id>.<12-byte IV in base64url>.<ciphertext>.<tag>
const SEALED = /v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}/;

let kit: WorkerKit;
let tokens: TokenServer;

beforeAll(async () => {
  kit = await openWorkerKit("worker_logs");
  tokens = await startTokenServer();
  // The database refuses every token write and quotes the sealed token in its message, as an
  // error about a row's values can: the message must not reach the logs or Redis.
  await kit.db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_token_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'token write refused: %', NEW.access_token_sealed; END $$`);
  await kit.db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_token_write BEFORE INSERT OR UPDATE ON token_state FOR EACH ROW
    WHEN (NEW.access_token_sealed IS NOT NULL) EXECUTE FUNCTION refuse_token_write()`);
});

afterAll(async () => {
  await kit?.stopWorkers();
  await tokens?.close();
  await kit?.close();
});

describe("the worker process at trace level", () => {
  it("logs failing token writes without the database's message, query arguments or sealed values", async () => {
    const { worker, prefix, press } = await kit.startWorker({ LOG_LEVEL: "trace" });

    const tested = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
    const runId = await press(tested);
    const refreshed = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
    await kit.db.authorizationProfile.update({
      where: { id: refreshed.profileId },
      data: { autoRefresh: true },
    });
    await ensureTokenState(kit.db, {
      teamId: refreshed.member.teamId,
      profileId: refreshed.profileId,
      tenant: "",
    });

    // Both jobs reached the provider and failed on the write, and the worker said so.
    await waitFor(() => tokens.requests.length >= 2, 20_000);
    await waitFor(
      () =>
        worker.output().includes("token test failed to run") &&
        worker.output().includes(`"jobName":"token.refresh"`) &&
        worker.output().includes('"job failed"'),
      20_000,
    );
    const logs = worker.output();
    const redisDump = await dumpRedisKeys(kit.redis, prefix);
    expect(redisDump).toContain(runId);

    for (const text of [logs, redisDump]) {
      expect(text).not.toMatch(SEALED);
      expect(text).not.toContain("token write refused");
      expect(text).not.toContain(tokens.accessToken);
    }
    // What is left still tells an operator what failed.
    expect(logs).toContain("PrismaClientKnownRequestError P2039 (database error P0001)");
  }, 60_000);
});
