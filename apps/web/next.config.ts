import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ["@authdeck/core"],
  serverExternalPackages: ["pino", "pg", "ioredis", "bullmq"],
};

export default config;
