// Read by the Prisma CLI. The datasource URL is only needed by commands that connect;
// drafting and generating work offline.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
});
