import type { Db } from "../db/client.ts";

/** What team and app use-cases need from the app that calls them. */
export type Deps = { db: Db; now: () => Date };
