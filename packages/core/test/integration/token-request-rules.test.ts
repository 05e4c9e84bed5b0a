import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { previewTokenRequest } from "../../src/profiles/index.ts";
import {
  startTokenServer,
  type TokenServer,
  type TokenServerOptions,
} from "../../src/testing/token-server.ts";
import { appErrorOf } from "../fixtures.ts";
import {
  openTokenRunKit,
  queueRun,
  runQueued,
  saveProfile,
  type TokenRunKit,
} from "../token-runs.ts";

let kit: TokenRunKit;
const servers: TokenServer[] = [];
// The recording server listens on 127.0.0.1, which only an admin's rule lets requests reach.
const runner = { egressAllow: ["127.0.0.0/8"] };

beforeAll(async () => {
  kit = await openTokenRunKit("request_rules");
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => kit?.close());

async function serve(options: TokenServerOptions = {}) {
  const server = await startTokenServer(options);
  servers.push(server);
  return server;
}

const profile = (tokenRequestUrl: string, overrides: Record<string, unknown> = {}) => ({
  name: `Rules ${Math.random().toString(36).slice(2)}`,
  identityProviderName: "Recorder",
  clientId: "client-1",
  clientSecret: "rules-secret",
  tokenRequestUrl,
  ...overrides,
});

describe("a Header field that would route or frame the request", () => {
  it("saved before the rule existed, fails the test with a verdict and sends nothing", async () => {
    const server = await serve();
    const saved = await saveProfile(
      kit,
      profile(server.urlFor("ok"), {
        fields: [{ type: "header", key: "X-Vhost", value: "other-tenant.example", secret: false }],
      }),
    );
    // As the review did: a Host field sends the secret-carrying request to another virtual host.
    await kit.db.authorizationField.updateMany({
      where: { profileId: saved.profileId },
      data: { key: "Host" },
    });
    const { run } = await runQueued(kit, await queueRun(kit, saved), runner);
    expect(server.requests).toEqual([]);
    expect(run).toMatchObject({
      status: "failed",
      errorClass: "invalid_profile",
      errorMessage: expect.stringContaining("Host is set for each request by Authdeck"),
    });
    const preview = await appErrorOf(
      previewTokenRequest({ db: kit.db }, saved.member, {
        appId: saved.appId,
        profileId: saved.profileId,
      }),
    );
    expect(preview.details.fieldErrors).toEqual({
      "fields.0.key": "Host is set for each request by Authdeck and cannot be a Header field",
    });
  });
});
