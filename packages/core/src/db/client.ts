import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

/** The one place a Prisma client is made; apps call it once with their validated settings. */
export function createDb(options: { databaseUrl: string; poolSize?: number }): Db {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
  });
  return new PrismaClient({ adapter });
}
