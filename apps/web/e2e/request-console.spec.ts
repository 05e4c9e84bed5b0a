import { createProfile } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";

/**
 * "Try a request" on a profile's page sends a call to the profile's API with its token, through
 * the worker, and shows the answer as it comes: status, body, headers and the request as sent,
 * the token masked. A viewer sees the history with who sent each request, but cannot send.
 */

test("the console sends a request with the profile's token and shows the answer live; a viewer sees the history", async ({
  page,
  app,
  endpoint,
  api,
  memberOf,
}) => {
  test.setTimeout(90_000);
  const profileId = await createProfile(page, app, {
    name: "Ledger API",
    identityProviderName: "Test IdP",
    ...endpoint,
    apiBaseUrl: `${api.url}/v1`,
  });
  api.answer((call) => ({
    status: 201,
    headers: { "Content-Type": "application/json", "X-Request-Id": "req-77" },
    body: JSON.stringify({ created: true, youSent: JSON.parse(call.body || "{}") }),
  }));
  const profilePage = `/t/${app.teamId}/apps/${app.appId}/profiles/${profileId}`;
  await page.goto(profilePage);
  const panel = page.getByRole("region", { name: "Try a request" });
  await expect(panel.getByText("No requests yet.")).toBeVisible();

  const form = panel.getByRole("form", { name: "Try a request" });
  await form.getByLabel("Method").selectOption("POST");
  await form.getByLabel("Path").fill("/orders");
  await form.getByLabel("Query").fill("dry_run=true");
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 1 name").fill("X-Trace");
  await form.getByLabel("Header 1 value").fill("trace-9");
  await form.getByLabel("Body", { exact: true }).selectOption("json");
  await form.getByLabel("JSON body").fill('{"item": "box"}');
  await form.getByRole("button", { name: "Send request" }).click();

  const result = panel.getByRole("region", { name: "Request result" });
  await expect(result.getByText("HTTP 201")).toBeVisible();
  await expect(result.getByRole("tabpanel")).toContainText('"created": true');
  await expect(result.getByRole("tabpanel")).toContainText('"item": "box"');
  await result.getByRole("tab", { name: "Headers" }).click();
  await expect(result.getByRole("tabpanel")).toContainText("x-request-id: req-77");
  await result.getByRole("tab", { name: "Request" }).click();
  const sent = result.getByRole("tabpanel");
  await expect(sent).toContainText(`POST ${api.url}/v1/orders?dry_run=true`);
  await expect(sent).toContainText("Authorization: Bearer [redacted]");
  await expect(sent).toContainText("X-Trace: trace-9");

  // What the API received: the real token, the header, the body.
  const received = api.calls.at(-1)!;
  expect(received).toMatchObject({ method: "POST", path: "/v1/orders", query: "dry_run=true" });
  expect(received.headers.authorization).toMatch(/^Bearer \S{10,}/);
  expect(received.headers["x-trace"]).toBe("trace-9");
  expect(JSON.parse(received.body)).toEqual({ item: "box" });
  // The token the API got is shown nowhere on the page.
  const token = String(received.headers.authorization).slice("Bearer ".length);
  expect(await page.content()).not.toContain(token);

  const history = panel.getByRole("table", { name: "Request history" });
  await expect(history.getByRole("row", { name: /POST \/orders/ })).toContainText("HTTP 201");

  // A viewer: the history and the answer, no form.
  const viewer = await memberOf(page, app.teamId, "viewer", "Vera Viewer");
  await viewer.goto(profilePage);
  const seen = viewer.getByRole("region", { name: "Try a request" });
  await expect(seen.getByRole("table", { name: "Request history" })).toContainText("POST /orders");
  await expect(seen.getByRole("region", { name: "Request result" })).toContainText("HTTP 201");
  await expect(seen.getByRole("button", { name: "Send request" })).toHaveCount(0);

  // A new request the owner sends reaches the viewer's page without a reload.
  api.answer(() => ({ status: 404, body: "no such order" }));
  await form.getByLabel("Method").selectOption("GET");
  await form.getByLabel("Path").fill("/orders/missing");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(result.getByText("HTTP 404")).toBeVisible();
  await expect(seen.getByRole("table", { name: "Request history" })).toContainText(
    "GET /orders/missing",
  );
});

test("a request the form refuses is explained at its field and nothing is sent", async ({
  page,
  app,
  endpoint,
  api,
}) => {
  const profileId = await createProfile(page, app, {
    name: "Ledger API",
    identityProviderName: "Test IdP",
    ...endpoint,
    apiBaseUrl: `${api.url}/v1`,
  });
  await page.goto(`/t/${app.teamId}/apps/${app.appId}/profiles/${profileId}`);
  const form = page.getByRole("form", { name: "Try a request" });
  await form.getByLabel("Method").selectOption("POST");
  await form.getByLabel("Path").fill("/../admin");
  await form.getByLabel("Body", { exact: true }).selectOption("json");
  await form.getByLabel("JSON body").fill("{not json");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByText("The body is not valid JSON")).toBeVisible();

  await form.getByLabel("JSON body").fill("{}");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByLabel("Path")).toHaveAttribute("aria-invalid", "true");
  expect(api.calls).toHaveLength(0);
  await expect(page.getByText("No requests yet.")).toBeVisible();
});

test("a slow read of the result never puts an older state back over the live answer", async ({
  page,
  app,
  endpoint,
  api,
}) => {
  const profileId = await createProfile(page, app, {
    name: "Ledger API",
    identityProviderName: "Test IdP",
    ...endpoint,
    apiBaseUrl: `${api.url}/v1`,
  });
  await page.goto(`/t/${app.teamId}/apps/${app.appId}/profiles/${profileId}`);
  // As on a slow network: the page's read of the shown request leaves while the request is
  // still queued and lands seconds later, after the live stream brought the answer and ended.
  await page.route(/\/api\/trpc\/[^?]*apiCall\.get/, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.fulfill({ response });
  });
  const form = page.getByRole("form", { name: "Try a request" });
  await form.getByLabel("Path").fill("/orders");
  await form.getByRole("button", { name: "Send request" }).click();
  const result = page.getByRole("region", { name: "Request result" });
  await expect(result.getByText("HTTP 200")).toBeVisible();
  // Past the slow read's landing, the answer is still what the page shows.
  await page.waitForTimeout(4_000);
  await expect(result.getByText("HTTP 200")).toBeVisible();
  expect(api.calls).toHaveLength(1);
});
