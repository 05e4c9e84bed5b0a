import { execFileSync } from "node:child_process";
import os from "node:os";
import { ROOT } from "./product.ts";

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  redis: string;
  commit: string;
};

const run = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
};

export function describeMachine(versions: { postgres: string; redis: string }): Machine {
  const dirty = run("git", ["status", "--porcelain"]) !== "";
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    ...versions,
    commit: `${run("git", ["rev-parse", "--short=12", "HEAD"])}${dirty ? " (with uncommitted changes)" : ""}`,
  };
}
