import {
  type OidcTestProvider,
  startOidcProvider,
  startTokenServer,
  type TokenServer,
  type TokenServerOptions,
} from "@authdeck/test-support";
import { test as base, type Page } from "@playwright/test";
import { submitSignUp, uniqueEmail } from "./accounts.ts";
import { trpcMutation } from "./apps.ts";
import { SEED_CLIENT } from "./seed.ts";

type InvitedRole = "admin" | "editor" | "viewer";

export type MemberOf = (
  by: Page,
  teamId: string,
  role: InvitedRole,
  name?: string,
) => Promise<Page>;

type Fixtures = {
  /** The one client `provider` knows, and its token lifetime; `test.use` changes them. */
  oidc: { client: { clientId: string; clientSecret: string }; accessTokenTTL?: number };
  /** An oidc-provider of the test's own, started when a test asks for it. */
  provider: OidcTestProvider;
  /** How `tokens` answers; `test.use` changes it. */
  tokenServerOptions: TokenServerOptions;
  /** A recording token server of the test's own, started when a test asks for it. */
  tokens: TokenServer;
  /**
   * A new person who joined the team through an invitation with the given role, signed in
   * in a browser context of their own (closed after the test). `by` is a page signed in as
   * someone allowed to invite.
   */
  memberOf: MemberOf;
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
});

export { expect } from "@playwright/test";
