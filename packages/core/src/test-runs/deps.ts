import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import type { TokenQueue } from "../queue/token-queue.ts";

export type TestDeps = {
  db: Db;
  now: () => Date;
  redis: Redis;
  queuePrefix: string;
  queue: TokenQueue;
  limits: { perUserPerMinute: number; perTeamPerMinute: number };
};
