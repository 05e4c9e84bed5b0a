import type { Db } from "@authdeck/core/db";
import type { Page } from "@playwright/test";
import { request } from "undici";
import { summarize } from "../stats.ts";

/**
 * Presses Test on a profile row `runs` times and times, inside the page, from the click to the
 * first frame painted after "Auth Test Passed" appears in the result dialog. Beside it, from the
 * page's resource timings: the start call's own round trip (request sent to answer read), and
 * how many presses opened the run's live stream (none when the verdict came with the answer).
 */
export async function measureTestPresses(
  page: Page,
  options: { profilesUrl: string; profileName: string; runs: number },
) {
  await page.goto(options.profilesUrl);
  const button = page.getByRole("button", { name: `Test ${options.profileName}`, exact: true });
  await button.waitFor();
  // Two presses first, so the timed ones do not include loading the dialog's code.
  const samples: number[] = [];
  const startCalls: number[] = [];
  let streamed = 0;
  for (let run = -2; run < options.runs; run++) {
    const press = (await page.evaluate(
      `(${PRESS_AND_WAIT})(${JSON.stringify(`Test ${options.profileName}`)})`,
    )) as { elapsed: number; startCall: number | null; streams: number };
    if (run >= 0) {
      samples.push(press.elapsed);
      if (press.startCall !== null) startCalls.push(press.startCall);
      if (press.streams > 0) streamed++;
    }
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }
  return { ...summarize(samples), startCall: summarize(startCalls), streamed };
}

// Runs in the browser. Kept as source text: the TypeScript loader would add helpers to a
// function that do not exist in the page.
const PRESS_AND_WAIT = `(label) => new Promise((resolve, reject) => {
  const button = document.querySelector('button[aria-label="' + label + '"]');
  if (!button) return reject(new Error("no button " + label));
  const timer = setTimeout(() => reject(new Error("no verdict within 10 s")), 10000);
  performance.clearResourceTimings();
  const started = performance.now();
  const timings = () => {
    const entries = performance.getEntriesByType("resource");
    const start = entries.find((e) => e.name.includes("testRun.start"));
    return {
      elapsed: performance.now() - started,
      startCall: start ? start.responseEnd - start.startTime : null,
      streams: entries.filter((e) => e.name.includes("testRun.onUpdate")).length,
    };
  };
  const observer = new MutationObserver(() => {
    const text = document.querySelector('[role="dialog"]')?.textContent ?? "";
    if (text.includes("Auth Test Failed")) {
      observer.disconnect();
      clearTimeout(timer);
      reject(new Error("the test failed: " + text.slice(0, 300)));
    } else if (text.includes("Auth Test Passed")) {
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(timings()));
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  button.click();
})`;

/** Enqueue (the run row written, queued) to saved result (finished), from the runs' own rows. */
export async function serverSideTimes(db: Db, profileId: string, runs: number) {
  const rows = await db.testRun.findMany({
    where: { profileId, trigger: "test", status: "succeeded" },
    orderBy: { queuedAt: "desc" },
    take: runs,
    select: { queuedAt: true, finishedAt: true },
  });
  return summarize(rows.map((r) => r.finishedAt!.getTime() - r.queuedAt.getTime()));
}

/** The floor: the same token request (Basic auth, form body) sent straight from Node with undici. */
export async function measureFloor(options: { url: string; clientId: string; runs: number }) {
  const headers = {
    authorization: `Basic ${Buffer.from(`${options.clientId}:bench-secret`).toString("base64")}`,
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  const samples: number[] = [];
  for (let run = -10; run < options.runs; run++) {
    const started = performance.now();
    const response = await request(options.url, {
      method: "POST",
      headers,
      body: "grant_type=client_credentials&scope=read",
    });
    const body = (await response.body.json()) as { access_token?: string };
    if (response.statusCode !== 200 || !body.access_token) throw new Error("floor request failed");
    if (run >= 0) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
