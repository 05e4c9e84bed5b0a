// @module-tag resilience
import { describe, expect, it } from "vitest";
import { migrationDatabaseUrl } from "../../src/cli/env.ts";
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

describe("the egress settings", () => {
  const attempt = (env: Record<string, string>) => {
    try {
      loadEnv(sharedEnvSchema, { AUTHDECK_SEALING_KEYS: sealingKey, ...env });
      return "";
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      return error.message;
    }
  };

  it("let teams open nothing private unless the operator says what", () => {
    const env = loadEnv(sharedEnvSchema, { AUTHDECK_SEALING_KEYS: sealingKey });
    expect(env.AUTHDECK_EGRESS_TEAM_MAY_ALLOW).toEqual([]);
    const set = loadEnv(sharedEnvSchema, {
      AUTHDECK_SEALING_KEYS: sealingKey,
      AUTHDECK_EGRESS_TEAM_MAY_ALLOW: " 10.20.0.0/16, idp.internal ,",
    });
    expect(set.AUTHDECK_EGRESS_TEAM_MAY_ALLOW).toEqual(["10.20.0.0/16", "idp.internal"]);
  });

  it.each([
    ["0.0.0.0/0", "entry 2 is a catch-all"],
    ["::/0", "entry 2 is a catch-all"],
    ["::ffff:0:0/96", "entry 2 is a catch-all"],
    ["169.254.0.0/16", "entry 2 is a link-local range"],
    ["http://idp.internal", "entry 2 is a URL"],
  ])("refuse %s at start, naming the variable and the entry, never its value", (rule, why) => {
    const message = attempt({ AUTHDECK_EGRESS_TEAM_MAY_ALLOW: `10.20.0.0/16,${rule}` });
    expect(message).toContain(`AUTHDECK_EGRESS_TEAM_MAY_ALLOW: ${why}`);
    expect(message).not.toContain(rule);
    expect(message).not.toContain("10.20.0.0/16");
  });
});

describe("the direct database URL for migrations", () => {
  const pooled = "postgresql://authdeck:authdeck@pgbouncer:6432/authdeck";
  const direct = "postgresql://authdeck:authdeck@postgres:5432/authdeck";
  const withEnv = (env: Record<string, string>, read: () => string) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return read();
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };

  it("is optional and checked like DATABASE_URL", () => {
    const env = loadEnv(sharedEnvSchema, { AUTHDECK_SEALING_KEYS: sealingKey });
    expect(env.DATABASE_DIRECT_URL).toBeUndefined();
    expect(() =>
      loadEnv(sharedEnvSchema, {
        AUTHDECK_SEALING_KEYS: sealingKey,
        DATABASE_DIRECT_URL: "db:5432",
      }),
    ).toThrow(/DATABASE_DIRECT_URL: must be a postgresql:\/\/ URL/);
  });

  it("is where migrations go when set, DATABASE_URL otherwise", () => {
    expect(
      withEnv({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct }, migrationDatabaseUrl),
    ).toBe(direct);
    expect(withEnv({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: "" }, migrationDatabaseUrl)).toBe(
      pooled,
    );
  });
});
