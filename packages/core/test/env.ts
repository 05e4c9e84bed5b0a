import { DEFAULT_DATABASE_URL } from "@authdeck/test-support";

// Where the tests find the servers; each test makes its own database and queue prefix there.
export const testServers = {
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
};
