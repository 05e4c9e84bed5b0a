// @module-tag resilience
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, type TrustedProxies } from "./client-address.ts";

const trust = (value: string) => {
  const parsed = parseTrustedProxies(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed as TrustedProxies;
};

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("192.0.2.7", "6.6.6.6", trust(""))).toBe("192.0.2.7");
    expect(clientAddress("::ffff:127.0.0.1", "6.6.6.6, 7.7.7.7", trust(""))).toBe("127.0.0.1");
    expect(clientAddress("2001:db8::5", null, trust(""))).toBe("2001:db8::5");
    expect(clientAddress("", "6.6.6.6", trust(""))).toBeNull();
  });

  it("skips as many hops from the right as proxies are trusted", () => {
    // The client sent "6.6.6.6" itself; the proxy appended the address it was reached from.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4", trust("1"))).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.9", trust("2"))).toBe(
      "198.51.100.4",
    );
    // Reached without the proxy: nothing to skip beyond what is there.
    expect(clientAddress("198.51.100.4", null, trust("1"))).toBe("198.51.100.4");
  });

  it("skips proxies in the trusted ranges, from the right", () => {
    const ranges = trust("10.0.0.0/8, 2001:db8:ffff::/48, 192.0.2.1");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.9.9.9", ranges)).toBe(
      "198.51.100.4",
    );
    expect(clientAddress("::ffff:10.0.0.2", "203.0.113.8", ranges)).toBe("203.0.113.8");
    expect(clientAddress("2001:db8:ffff::1", "2001:db8:1::9", ranges)).toBe("2001:db8:1::9");
    expect(clientAddress("192.0.2.1", "[2001:db8:1::9]:443", ranges)).toBe("2001:db8:1::9");
    expect(clientAddress("192.0.2.1", "203.0.113.8:51234", ranges)).toBe("203.0.113.8");
    // A client outside the ranges is the client, even with a forged list behind it.
    expect(clientAddress("198.51.100.4", "10.0.0.3", ranges)).toBe("198.51.100.4");
  });

  it("stops at an entry that is no address, at the proxy that wrote it", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, unknown", trust("10.0.0.0/8"))).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "garbage", trust("1"))).toBe("10.0.0.2");
  });
});

describe("AUTHDECK_TRUSTED_PROXIES", () => {
  it.each([["300.1.1.1"], ["10.0.0.0/33"], ["proxy.internal"], ["10.0.0.0/8/1"], ["11"]])(
    "refuses %s",
    (value) => {
      expect(parseTrustedProxies(value)).toHaveProperty("error");
    },
  );

  it("reads nothing, a count or ranges", () => {
    expect(parseTrustedProxies("")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("2")).toEqual({ kind: "count", count: 2 });
    expect(parseTrustedProxies("10.0.0.0/8,::1")).toHaveProperty("kind", "ranges");
  });
});
