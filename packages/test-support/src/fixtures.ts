import type { RedisTarget } from "@authdeck/core/config";
import { createDb, type Db } from "@authdeck/core/db";
import {
  createRedis,
  createTokenQueue,
  type RedisClient,
  type TokenQueue,
} from "@authdeck/core/queue";
import { createTestDatabase, DEFAULT_DATABASE_URL, uniqueQueuePrefix } from "./test-database.ts";
import { deleteKeysOfPrefix, testRedisTarget } from "./test-redis.ts";

// The set-up every test file repeats, each piece with the one way it is torn down: `close` after
// the file (or the test) that opened it.

/** Where the tests find the servers; each test makes its own database and queue prefix there. */
export const testServers = {
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  /** One server, or the run's private Cluster with AUTHDECK_TEST_REDIS=cluster. */
  redis: testRedisTarget(),
};

export type DatabaseFixture = {
  /** The URL `db` was opened on (through PgBouncer when the tests run behind one). */
  url: string;
  /** The server itself (see TestDatabase). */
  directUrl: string;
  db: Db;
  close: () => Promise<void>;
};

/** A migrated database of the caller's own, with a client on it. */
export async function openTestDb(
  label: string,
  options: { baseUrl?: string; poolSize?: number } = {},
): Promise<DatabaseFixture> {
  const database = await createTestDatabase({
    baseUrl: options.baseUrl ?? testServers.databaseUrl,
    label,
  });
  const db = createDb({ databaseUrl: database.url, poolSize: options.poolSize ?? 4 });
  return {
    url: database.url,
    directUrl: database.directUrl,
    db,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

export type QueueFixture = {
  prefix: string;
  /** The producer's connection, which also reads and deletes the prefix's keys. */
  redis: RedisClient;
  queue: TokenQueue;
  /** Calls `listener` with each run event published under the prefix. */
  onRunEvent: (
    listener: (channel: string, event: Record<string, unknown>) => void,
  ) => Promise<void>;
  close: () => Promise<void>;
};

/** A token queue on a prefix of its own; `close` empties the prefix and quits. */
export function openTestQueue(
  label: string,
  target: RedisTarget | string = testServers.redis,
): QueueFixture {
  const prefix = uniqueQueuePrefix(label);
  const redis = createRedis(target, "producer");
  const queue = createTokenQueue(redis, prefix);
  const subscribers: RedisClient[] = [];
  return {
    prefix,
    redis,
    queue,
    async onRunEvent(listener) {
      const subscriber = createRedis(target, "worker");
      subscribers.push(subscriber);
      subscriber.on("pmessage", (_pattern, channel, message) =>
        listener(channel, JSON.parse(message)),
      );
      await subscriber.psubscribe(`${prefix}:events:run:*`);
    },
    async close() {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await deleteKeysOfPrefix(redis, prefix);
      await Promise.all([redis.quit(), ...subscribers.map((s) => s.quit())]);
    },
  };
}

/** Polls `check` every 50 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
