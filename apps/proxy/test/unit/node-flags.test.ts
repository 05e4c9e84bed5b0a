import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROXY_NODE_FLAGS } from "../../src/node-flags.ts";

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), "utf8");

describe("the proxy's Node flags", () => {
  // Shell and package.json cannot import the list: they must say it the same way.
  it("are the ones npm start and the package's start script run it with", () => {
    const command = `node ${PROXY_NODE_FLAGS.join(" ")} dist/main.js`;
    const launch = read("../../../../scripts/run-product.sh")
      .split("\n")
      .find((line) => line.includes("cd apps/proxy"));
    expect(launch).toContain(`exec ${command}`);
    const scripts = JSON.parse(read("../../package.json")).scripts as Record<string, string>;
    expect(scripts.start).toBe(command);
  });
});
