import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

const webDir = path.resolve(import.meta.dirname, "..");
const validKeys = `k1:${Buffer.alloc(32, 5).toString("base64")}`;

// The web process of the same build the other tests use, with one bad variable each time.
async function startWith(env: Record<string, string>) {
  const child = spawn(process.execPath, ["dist/main.js", "--port", "3299"], {
    cwd: webDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      ...env,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

test.describe("the web server refuses to start with a bad environment", () => {
  test("a sealing key of the wrong length", async () => {
    const short = Buffer.alloc(20, 1).toString("base64");
    const { code, output } = await startWith({ AUTHDECK_SEALING_KEYS: `k1:${short}` });
    expect(code).toBe(1);
    expect(output).toContain("Authdeck web cannot start.");
    expect(output).toContain('AUTHDECK_SEALING_KEYS: key "k1" is 20 bytes; AES-256-GCM needs 32');
    expect(output).not.toContain(short);
  });

  test("a database URL that is not one", async () => {
    const { code, output } = await startWith({
      AUTHDECK_SEALING_KEYS: validKeys,
      DATABASE_URL: "http://127.0.0.1/authdeck",
    });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});
