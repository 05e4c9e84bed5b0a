import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
