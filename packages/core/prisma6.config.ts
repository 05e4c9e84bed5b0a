// Config for the Prisma 6 CLI, used only to draft migration SQL: its WebAssembly schema engine
// needs no download. The adapter is opened by the CLI even for a file-to-file diff, so it points
// at any reachable database; nothing is written there.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },

  adapter: async () =>
    new PrismaPg({
      connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    }),
});
