import { type ChildProcess, spawn } from "node:child_process";

// Not in the package's index: the web app's type-check reads the index through its e2e
// support, and Next's ProcessEnv (NODE_ENV required) refuses the bare environment below.

export type SpawnedProcess = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
};

/**
 * Starts a TypeScript entry point with tsx, with only PATH, HOME and `env` in its environment,
 * and collects what it prints.
 */
export function spawnTsProcess(
  cwd: string,
  entry: string,
  env: Record<string, string>,
): SpawnedProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd,
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
