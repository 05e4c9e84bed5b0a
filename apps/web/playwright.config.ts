import { randomBytes } from "node:crypto";
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from "@authdeck/test-support/chromium";
import { skippedSlowFaults } from "@authdeck/test-support/tags";
import { defineConfig } from "@playwright/test";

// One id per run, set before the workers fork so they all see the same one; the server script
// names its database and queue prefix after it.
process.env.AUTHDECK_E2E_RUN ??= `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const port = Number(process.env.AUTHDECK_E2E_PORT ?? 3210);
export const baseURL = `http://localhost:${port}`;
// The SMTP server e2e/notifications-email.spec.ts starts on the port after the proxy's; the
// worker logs in to it with this password, which that spec checks.
process.env.AUTHDECK_E2E_SMTP_PASSWORD ??= randomBytes(12).toString("hex");
const smtpURL = `smtp://authdeck:${process.env.AUTHDECK_E2E_SMTP_PASSWORD}@127.0.0.1:${port + 2}`;

// Specs that start a product of their own (web, worker and proxy, or several of each) or a
// product that must refuse to start: each loads the machine as much as the shared product does,
// so no two of them run at once.
const OWN_PRODUCT = [
  "redis-outage.spec.ts",
  "secret-leaks.spec.ts",
  "several-processes.spec.ts",
  "sign-in-throttling.spec.ts",
  "start-refusal.spec.ts",
];

// The specs that stop Redis or restart the product, left out of one of CI's two runtimes.
const slowFaults = skippedSlowFaults(import.meta.dirname, "e2e");

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  // Two spec files at a time, each in its own browser, against the one shared product: every
  // test signs up a team of its own, so they share nothing but the servers. Much of a test is
  // waiting (for a page, a queued test, a live stream), so two at a time end sooner on two cores.
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: "shared product", testIgnore: [...OWN_PRODUCT, ...slowFaults] },
    { name: "own product", testMatch: OWN_PRODUCT, testIgnore: slowFaults, workers: 1 },
  ],
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    baseURL,
    // A failed test keeps its trace with the page's DOM at each step, without the screencast:
    // recording it for every test cost about a fifth of the suite's time, most of it Chromium's
    // software GPU process drawing frames (measured on 8 spec files at two at a time).
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "bash ../../scripts/e2e-server.sh",
    url: `${baseURL}/status`,
    // The API proxy process (apps/proxy) listens on the port after the web's.
    env: {
      PORT: String(port),
      PROXY_PORT: String(port + 1),
      SMTP_URL: smtpURL,
      SMTP_FROM: "Authdeck <alerts@authdeck.test>",
      SMTP_RECIPIENT_DOMAINS: "example.com",
    },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
