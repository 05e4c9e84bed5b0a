// @module-tag resilience
import { trpcMutation } from "./support/apps.ts";
import { expect, test, tokensEndpoint } from "./support/fixtures.ts";

/**
 * Ten services asking for a profile's token at the same moment, the very first time: the token
 * state row is made once and shared, one token request goes to the provider, and every caller
 * gets the token. (Before, 6 to 9 of them answered 500: the row's insert raced its unique index.)
 */

test.use({
  seed: {
    app: "Carrier",
    profile: {
      name: "Carrier API",
      identityProviderName: "Recording server",
      // Off, so the worker's own first refresh (on by default for a new profile) cannot race
      // the calls: every token request the server sees is one the calls asked for.
      autoRefresh: false,
    },
  },
  endpoint: tokensEndpoint("ok", {
    clientId: "concurrent-client",
    clientSecret: "concurrent-secret",
  }),
});

test("ten concurrent first token API calls all get the token, from one token request", async ({
  page,
  baseURL,
  tokens,
  seeded: { teamId, appId, profileId },
}) => {
  const { key } = await trpcMutation<{ key: string }>(page, "apiKey.create", {
    teamId,
    name: "Ten services",
    appIds: [appId],
  });

  const url = `${baseURL}/api/v1/apps/${appId}/profiles/${profileId}/token`;
  // Node's fetch opens a connection per request in flight, so all ten are on the wire at once.
  const answers = await Promise.all(
    Array.from({ length: 10 }, () =>
      fetch(url, { headers: { authorization: `Bearer ${key}` } }).then(async (response) => ({
        status: response.status,
        body: await response.json(),
      })),
    ),
  );

  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  expect(new Set(answers.map((a) => a.body.access_token))).toEqual(new Set([tokens.accessToken]));
  expect(tokens.requests.filter((r) => r.url === "/ok/token")).toHaveLength(1);
});
