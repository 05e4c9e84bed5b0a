import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from "@authdeck/test-support/chromium";
import { type Browser, chromium, type Page } from "@playwright/test";

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM,
    args: CHROMIUM_ARGS,
  });

/** Signs a new person up with a team of their own through the sign-up page; returns the team id. */
export async function signUp(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Name", { exact: true }).fill("Bench Person");
  await page.getByLabel("Email").fill(`bench-${Date.now().toString(36)}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByLabel("Team name").fill("Bench");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/t\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** A tRPC mutation as the person signed in to `page`, exactly as the dashboard sends it. */
export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/api/trpc/${path}?batch=1`, {
    data: { 0: { json: input } },
    headers: { origin, "content-type": "application/json" },
  });
  if (response.status() !== 200) {
    throw new Error(`${path}: HTTP ${response.status()} ${await response.text()}`);
  }
  const [answer] = await response.json();
  return answer.result.data.json as T;
}
