import { createDb, type Db } from "@authdeck/core/db";
import { listProfiles } from "@authdeck/core/profiles";
import { summarize } from "../stats.ts";

const SEARCHES = ["", "okta", "billing api 0", "zitadel", "42"];
const SORTS = ["name", "identityProviderName", "updatedAt", "type"] as const;
const PAGES = [1, 2, 3, 5];

/**
 * `clients` concurrent callers of the list use-case, each sending `requests` pages of 50 with
 * a mix of searches, sorts and pages, through one client pool of the web app's size, connected as
 * the secret-blind role. Returns the time of each call as the web server would spend it.
 */
export async function measureList(options: {
  blindUrl: string;
  teamId: string;
  appId: string;
  clients: number;
  requests: number;
}) {
  const db: Db = createDb({ databaseUrl: options.blindUrl });
  const member = { userId: "bench", teamId: options.teamId, role: "viewer" as const };
  const call = (client: number, k: number) =>
    listProfiles({ db, now: () => new Date() }, member, {
      appId: options.appId,
      search: SEARCHES[(client + k) % SEARCHES.length]!,
      sort: SORTS[(client + 2 * k) % SORTS.length]!,
      direction: k % 2 === 0 ? "asc" : "desc",
      page: PAGES[(client * 3 + k) % PAGES.length]!,
      pageSize: 50,
    });
  try {
    for (let k = 0; k < 20; k++) await call(0, k);
    const samples: number[] = [];
    let rows = 0;
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        for (let k = 0; k < options.requests; k++) {
          const started = performance.now();
          const page = await call(client, k);
          samples.push(performance.now() - started);
          rows += page.profiles.length;
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    // The JavaScript side of a call (Prisma and the use-case) runs on this one thread, as in the
    // web app: its CPU per call bounds how many calls a process answers at once.
    const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / samples.length;
    return { ...summarize(samples), rows, cpuMsPerCall };
  } finally {
    await db.$disconnect();
  }
}
