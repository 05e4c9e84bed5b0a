import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

/**
 * The one place a Prisma client is made; apps call it once with their validated settings. It
 * has no `log` option on purpose: Prisma's query events carry every parameter, sealed secrets
 * included. Its errors quote them too: log them as `err` (see logging.ts), never their message.
 */
export function createDb(options: { databaseUrl: string; poolSize?: number }): Db {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
  });
  return new PrismaClient({ adapter });
}
