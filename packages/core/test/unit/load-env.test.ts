import { describe, expect, it } from "vitest";
import { sharedEnvSchema } from "../../src/config/env-schema.ts";
import { EnvError, loadEnv } from "../../src/config/load-env.ts";

const sealingKey = `k1:${Buffer.alloc(32, 1).toString("base64")}`;

describe("loadEnv with the shared schema", () => {
  it("applies the local defaults when only the sealing key is set", () => {
    const env = loadEnv(sharedEnvSchema, { AUTHDECK_SEALING_KEYS: sealingKey });
    expect(env.DATABASE_URL).toBe("postgresql://authdeck:authdeck@127.0.0.1:5432/authdeck");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.AUTHDECK_QUEUE_PREFIX).toBe("authdeck");
  });

  it("treats an empty variable as unset", () => {
    const env = loadEnv(sharedEnvSchema, { AUTHDECK_SEALING_KEYS: sealingKey, REDIS_URL: "" });
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
  });

  it("names every bad variable and never echoes a value", () => {
    const badKey = `k1:${Buffer.alloc(16, 9).toString("base64")}`;
    const attempt = () =>
      loadEnv(sharedEnvSchema, {
        AUTHDECK_SEALING_KEYS: badKey,
        DATABASE_URL: "mysql://root@db/authdeck",
      });
    expect(attempt).toThrow(EnvError);
    const message = (() => {
      try {
        attempt();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('AUTHDECK_SEALING_KEYS: key "k1" is 16 bytes');
    expect(message).toContain("DATABASE_URL: must be a postgresql:// URL");
    expect(message).not.toContain(badKey.slice(3));
    expect(message).not.toContain("mysql://root@db");
  });

  it("requires a sealing key", () => {
    expect(() => loadEnv(sharedEnvSchema, {})).toThrow(/AUTHDECK_SEALING_KEYS: is required/);
  });
});
