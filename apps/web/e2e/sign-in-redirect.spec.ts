// @module-tag resilience
import { expect, type Page, test } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./support/accounts.ts";

// Browsers drop the tab (%09) and line breaks, so "/\t/evil.example" is "//evil.example".
const CRAFTED = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%5c/evil.example",
];

/** Answers anything sent to evil.example here, so a test that fails never leaves the machine. */
async function trapEvilSite(page: Page) {
  const reached: string[] = [];
  // By host: our own /sign-in?next=... holds "evil.example" too.
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => {
      reached.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/plain", body: "evil" });
    },
  );
  return reached;
}

test("a crafted ?next= never leaves Authdeck: server redirect and sign-in form", async ({
  page,
  baseURL,
}) => {
  const reached = await trapEvilSite(page);
  const email = uniqueEmail("next");
  await signUp(page, { name: "Nora Next", email, teamName: "Next team" });

  // Signed in: the sign-in page redirects at once, on the server.
  for (const next of CRAFTED) {
    const answer = await page.request.get(`/sign-in?next=${next}`, { maxRedirects: 0 });
    expect(answer.status(), next).toBe(307);
    expect(answer.headers().location, next).toBe("/");
    await page.goto(`/sign-in?next=${next}`);
    expect(new URL(page.url()).origin, next).toBe(baseURL);
  }

  // Signed out: the form sends people on after signing in, in the browser.
  for (const next of CRAFTED) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/t\/[0-9a-f-]{36}$/);
    expect(new URL(page.url()).origin, next).toBe(baseURL);
  }
  expect(reached).toEqual([]);
});

test("a ?next= on this site is still followed", async ({ page }) => {
  const email = uniqueEmail("next-ok");
  const teamId = await signUp(page, { name: "Otto Onsite", email, teamName: "Onsite team" });
  await page.goto(`/sign-in?next=${encodeURIComponent(`/t/${teamId}/members`)}`);
  await expect(page).toHaveURL(new RegExp(`/t/${teamId}/members$`));
});

test("a deep link opened signed out lands on that page after sign-in", async ({ page }) => {
  const email = uniqueEmail("deep-link");
  const teamId = await signUp(page, { name: "Dee Deep", email, teamName: "Deep team" });
  const deepLink = `/t/${teamId}/members?from=mail`;
  await page.context().clearCookies();

  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe(deepLink);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${teamId}/members\\?from=mail$`));
});
