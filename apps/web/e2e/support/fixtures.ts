import { basename } from "node:path";
import {
  type ApiServer,
  type OidcTestClient,
  type OidcTestProvider,
  startApiServer,
  startOidcProvider,
  startTokenServer,
  type TokenServer,
  type TokenServerBehaviour,
  type TokenServerOptions,
} from "@authdeck/test-support";
import { test as base, expect, type Page } from "@playwright/test";
import { signUpByApi, submitSignUp, uniqueEmail } from "./accounts.ts";
import { createProfile, type NewProfile, trpcMutation } from "./apps.ts";
import { SEED_CLIENT, type SeededTeam, seedTeam } from "./seed.ts";

type InvitedRole = "admin" | "editor" | "viewer";

export type MemberOf = (
  by: Page,
  teamId: string,
  role: InvitedRole,
  name?: string,
) => Promise<Page>;

/** Where a profile asks for its tokens, and as which client. */
export type Endpoint = Pick<NewProfile, "tokenRequestUrl" | "clientId" | "clientSecret">;

type Fixtures = {
  /** The one client `provider` knows, and its token lifetime; `test.use` changes them. */
  oidc: { client: Omit<OidcTestClient, "authMethod">; accessTokenTTL?: number };
  /** An oidc-provider of the test's own, started when a test asks for it. */
  provider: OidcTestProvider;
  /** How `tokens` answers; `test.use` changes it. */
  tokenServerOptions: TokenServerOptions;
  /** A recording token server of the test's own, started when a test asks for it. */
  tokens: TokenServer;
  /** A recording API of the test's own (a profile's API Base URL), answering as the test says. */
  api: ApiServer;
  /**
   * A new person who joined the team through an invitation with the given role, signed in
   * in a browser context of their own (closed after the test). `by` is a page signed in as
   * someone allowed to invite.
   */
  memberOf: MemberOf;
  /** Who `owner` signs up, and what their team's name starts with; `test.use` changes them. */
  account: { person: string; team: string };
  /** A new person with a team of their own (its owner), signed in to `page` on the team page. */
  owner: { teamId: string; teamName: string };
  /** What `app` and `seeded` name their app and profile, if not the defaults; `test.use` sets it. */
  seed: { app?: string; profile?: Omit<NewProfile, keyof Endpoint> };
  /** An app of `owner`'s team, its Authorization Profiles page open in `page`. */
  app: { teamId: string; appId: string };
  /**
   * Where a profile of the test asks for its tokens: `provider`, as its client. A file whose
   * profile talks to another server overrides this fixture with `test.use`.
   */
  endpoint: Endpoint;
  /** `seedTeam`'s team, against `provider`: a few minutes' use of Authdeck; `page` signed in. */
  seededTeam: SeededTeam;
  /** `app` with one profile in it, made through the API and listed on the page. */
  seeded: { teamId: string; appId: string; profileId: string };
};

export const test = base.extend<Fixtures>({
  oidc: [{ client: SEED_CLIENT }, { option: true }],
  provider: async ({ oidc }, use) => {
    const provider = await startOidcProvider({
      clients: [{ ...oidc.client, authMethod: "client_secret_basic" }],
      accessTokenTTL: oidc.accessTokenTTL,
    });
    await use(provider);
    await provider.close();
  },
  tokenServerOptions: [{}, { option: true }],
  // Playwright reads which fixtures a fixture needs from this pattern: this one needs none.
  // biome-ignore lint/correctness/noEmptyPattern: an empty pattern is how Playwright says so
  api: async ({}, use) => {
    const api = await startApiServer();
    await use(api);
    await api.close();
  },
  tokens: async ({ tokenServerOptions }, use) => {
    const tokens = await startTokenServer(tokenServerOptions);
    await use(tokens);
    await tokens.close();
  },
  memberOf: async ({ browser }, use) => {
    const contexts: Array<{ close: () => Promise<void> }> = [];
    await use(async (by, teamId, role, name = `${role} member`) => {
      const invitation = await trpcMutation<{ token: string }>(by, "invitation.create", {
        teamId,
        role,
      });
      const context = await browser.newContext();
      contexts.push(context);
      const member = await context.newPage();
      await member.goto(`/invite/${invitation.token}`);
      await member.getByRole("link", { name: "Sign up to join" }).click();
      await submitSignUp(member, { name, email: uniqueEmail(role) });
      return member;
    });
    for (const context of contexts) await context.close();
  },
  account: [{ person: "Sam Seeded", team: "Seeded" }, { option: true }],
  owner: async ({ page, account, baseURL }, use, testInfo) => {
    const teamName = `${account.team} ${Date.now().toString(36)}`;
    const teamId = await signUpByApi(page, baseURL ?? "", {
      name: account.person,
      // The spec's name in the address says which spec a leftover account is from.
      email: uniqueEmail(basename(testInfo.file, ".spec.ts")),
      teamName,
    });
    await use({ teamId, teamName });
  },
  seed: [{}, { option: true }],
  app: async ({ page, owner, seed }, use) => {
    // Made through the API, like the team: the New app dialog has specs of its own.
    const created = await trpcMutation<{ id: string }>(page, "app.create", {
      teamId: owner.teamId,
      name: seed.app ?? "Payments",
    });
    await page.goto(`/t/${owner.teamId}/apps/${created.id}/profiles`);
    await expect(
      page.getByRole("heading", { name: "Authorization Profiles", exact: true }),
    ).toBeVisible();
    await use({ teamId: owner.teamId, appId: created.id });
  },
  endpoint: async ({ provider, oidc }, use) => {
    const { clientId, clientSecret } = oidc.client;
    await use({ tokenRequestUrl: provider.tokenUrl, clientId, clientSecret });
  },
  seededTeam: async ({ page, provider }, use, testInfo) => {
    await use(await seedTeam(page, provider, basename(testInfo.file, ".spec.ts")));
  },
  seeded: async ({ page, app, seed, endpoint }, use) => {
    const profile = seed.profile ?? { name: "Ledger API", identityProviderName: "Test IdP" };
    const profileId = await createProfile(page, app, { ...profile, ...endpoint });
    await page.reload();
    await use({ ...app, profileId });
  },
});

/**
 * For `test.use({ endpoint })`: the test's profile asks `tokens`, the recording token server,
 * with the given behaviour, as the given client.
 */
export const tokensEndpoint =
  (behaviour: TokenServerBehaviour, client: Omit<Endpoint, "tokenRequestUrl">) =>
  async ({ tokens }: { tokens: TokenServer }, use: (endpoint: Endpoint) => Promise<void>) => {
    await use({ tokenRequestUrl: tokens.urlFor(behaviour), ...client });
  };

export { expect } from "@playwright/test";
