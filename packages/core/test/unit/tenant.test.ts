// @module-tag resilience
import { describe, expect, it } from "vitest";
import { tenantSchema } from "../../src/shared/tenant-rules.ts";

describe("a tenant", () => {
  it.each(["acme", "a.b", ".acme", "eu-west_1", "a".repeat(100)])("may be %j", (tenant) => {
    expect(tenantSchema.safeParse(tenant).success).toBe(true);
  });

  it.each([".", "..", "..."])("may not be %j, which would walk the URL's path", (tenant) => {
    expect(tenantSchema.safeParse(tenant).error?.issues[0]?.message).toBe(
      "A tenant cannot be only dots, which would move up the URL's path",
    );
  });

  it.each(["", "a/b", "a b", "ü", "a".repeat(101)])("may not be %j", (tenant) => {
    expect(tenantSchema.safeParse(tenant).success).toBe(false);
  });
});
