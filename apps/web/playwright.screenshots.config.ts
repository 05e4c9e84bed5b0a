import { defineConfig } from "@playwright/test";
import base from "./playwright.config.ts";

/** `pnpm screenshots`: the README's pictures, retaken against a seeded production build. */
export default defineConfig({ ...base, testDir: "screenshots", timeout: 300_000 });
