import type { NextConfig } from "next";
import { contentSecurityPolicy, SECURITY_HEADERS } from "./src/server/security-headers.ts";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ["@authdeck/core"],
  serverExternalPackages: ["pino", "pg", "ioredis", "bullmq"],
  async headers() {
    // Pages get their policy, with a nonce of their own, from src/proxy.ts.
    const apiPolicy = contentSecurityPolicy({ dev: process.env.NODE_ENV === "development" });
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default config;
