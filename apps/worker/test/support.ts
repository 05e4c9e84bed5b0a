import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "@authdeck/core/apps";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer, type Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";
import { createProfile } from "@authdeck/core/profiles";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { createTeam, resolveMember } from "@authdeck/core/teams";

export const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const testRedisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

export const validSealingKeys = `k1:${Buffer.alloc(32, 3).toString("base64")}`;

export type Spawned = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
};

/** Starts a worker entry point with tsx, as `npm start` does, and collects what it prints. */
export function spawnWorker(entry: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: workerDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
    child.on("exit", (code) => resolve({ code, at: Date.now() }));
  });
  return { child, output: () => output, exited };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** A user, their team, an app and one saved profile for `profile`, made through core. */
export async function createProfileFor(
  deps: { db: Db; sealer: Sealer },
  profile: { tokenRequestUrl: string; clientId?: string; clientSecret?: string },
) {
  const { db } = deps;
  const core = { ...deps, now: () => new Date() };
  const userId = `user_${randomUUID()}`;
  await db.user.create({ data: { id: userId, name: "Tester", email: `${userId}@example.test` } });
  const team = await createTeam(core, { userId, name: `Team ${userId.slice(-6)}` });
  const member = await resolveMember(db, userId, team.id);
  const app = await createApp(core, member, { name: "assistant" });
  const saved = await createProfile(core, member, {
    appId: app.id,
    profile: profileFieldsSchema.parse({
      name: "Provider",
      identityProviderName: "Test IdP",
      clientId: profile.clientId ?? "fault-client",
      clientSecret: profile.clientSecret ?? "fault-client-secret",
      tokenRequestUrl: profile.tokenRequestUrl,
    }),
  });
  return { member, appId: app.id, profileId: saved.id };
}

export const testSealer = () => {
  const parsed = parseKeyRing(validSealingKeys);
  if (!parsed.ok) throw new Error(parsed.error);
  return createSealer(parsed.keyRing);
};
