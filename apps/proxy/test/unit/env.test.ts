import { EnvError } from "@authdeck/core/config";
import { describe, expect, it } from "vitest";
import { readProxyEnv } from "../../src/env.ts";

const SEALING_KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;

describe("the proxy process's settings", () => {
  it("listen on loopback port 3001 with a 2 s cache unless set", () => {
    const env = readProxyEnv({ AUTHDECK_SEALING_KEYS: SEALING_KEYS });
    expect([env.PROXY_HOST, env.PROXY_PORT, env.API_PROXY_CACHE_MS]).toEqual([
      "127.0.0.1",
      3001,
      2_000,
    ]);
    // No metrics server unless a port is given.
    expect(env.PROXY_METRICS_PORT).toBeUndefined();
  });

  it.each([
    ["PROXY_PORT", "70000"],
    ["PROXY_PORT", "web"],
    ["API_PROXY_CACHE_MS", "60000"],
    ["API_PROXY_RATE_LIMIT_PER_KEY", "0"],
    ["PROXY_METRICS_PORT", "0"],
    ["METRICS_TOKEN", "too-short"],
  ])("refuse a bad %s and name it, not its value", (name, value) => {
    const read = () => readProxyEnv({ AUTHDECK_SEALING_KEYS: SEALING_KEYS, [name]: value });
    expect(read).toThrow(EnvError);
    expect(read).toThrow(new RegExp(`${name}:`));
  });
});
