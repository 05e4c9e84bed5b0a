import type { Browser, BrowserContext } from "@playwright/test";

// After the load event, lazily loaded chunks a page asks for on mount still count as its first load.
const SETTLE_MS = 2_000;

/**
 * Compressed bytes of JavaScript a page transfers when opened with an empty cache: the encoded
 * body size Chromium reports for every script response, until the page has settled.
 */
export async function firstLoadScriptBytes(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<{ bytes: number; scripts: number }> {
  const context = await browser.newContext(storageState ? { storageState } : {});
  try {
    const page = await context.newPage();
    const sizes: Array<Promise<number>> = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script") {
        sizes.push(request.sizes().then((s) => s.responseBodySize));
      }
    });
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) {
      throw new Error(`${url} led to ${page.url()}`);
    }
    await page.waitForTimeout(SETTLE_MS);
    const all = await Promise.all(sizes);
    return { bytes: all.reduce((sum, size) => sum + size, 0), scripts: all.length };
  } finally {
    await context.close();
  }
}
