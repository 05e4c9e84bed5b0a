// @module-tag resilience
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

// A file of its own: the environment is read once, and here the base URL is https.
let proxy: (request: NextRequest) => Response;

beforeAll(async () => {
  process.env.AUTHDECK_BASE_URL = "https://authdeck.example.test";
  process.env.AUTHDECK_SEALING_KEYS = `k1:${Buffer.alloc(32, 4).toString("base64")}`;
  ({ proxy } = await import("~/proxy.ts"));
});

describe("pages served over https", () => {
  it("carry HSTS for two years with subdomains, and a nonce-based policy", () => {
    const response = proxy(new NextRequest("https://authdeck.example.test/sign-in"));
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(response.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'(;|$)/,
    );
  });
});
