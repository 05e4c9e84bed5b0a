import type { Db } from "../db/client.ts";
import type { RedisClient } from "../queue/redis.ts";
import type { TokenQueue } from "../queue/token-queue.ts";

export type TestDeps = {
  db: Db;
  now: () => Date;
  redis: RedisClient;
  queuePrefix: string;
  queue: TokenQueue;
  limits: { perUserPerMinute: number; perTeamPerMinute: number };
};
