// @module-tag resilience
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { previewTokenRequest } from "../../src/profiles/index.ts";
import { appErrorOf } from "../fixtures.ts";
import { queueRun, runQueued, saveProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("request_rules");
// The recording server listens on 127.0.0.1, which only an admin's rule lets requests reach.
const runner = { egressAllow: ["127.0.0.0/8"] };

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
    const server = await kit.serve();
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

describe("a Path Param value that breaks the URL once filled in", () => {
  it("fails the test with a verdict naming the Path Param, sending nothing and throwing nothing", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(
      kit,
      profile(server.urlFor("ok", "/{region}/token"), {
        fields: [{ type: "path", key: "region", value: "eu west", secret: true }],
      }),
    );
    // A URL saved before placeholders were kept out of the host: "eu west" is no host name.
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { tokenRequestUrl: "http://{region}.127.0.0.1.example/ok/token" },
    });
    const { result, run } = await runQueued(kit, await queueRun(kit, saved), runner);
    expect(result).toEqual({ status: "failed" });
    // One delivery of the job, and no HTTP attempt: the request was never sent.
    expect(run).toMatchObject({
      status: "failed",
      deliveries: 1,
      httpAttempts: 0,
      errorClass: "invalid_url",
      errorMessage:
        "The Token Request URL is not a valid URL once the Path Param {region} is filled in",
    });
    expect(server.requests).toEqual([]);
  });
});

const jwtOf = (header: string, claims: string) =>
  `${Buffer.from(header).toString("base64url")}.${Buffer.from(claims).toString("base64url")}.sig`;

/** A provider whose answer is `body`, byte for byte. */
async function answering(body: string) {
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  kit.servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
}

describe("a provider's answer that holds a lone surrogate", () => {
  it.each([
    ["in token_type", '{"access_token":"tok-1","token_type":"Bearer\\ud800","expires_in":60}'],
    [
      "in a JWT claim",
      `{"access_token":"${jwtOf('{"alg":"none"}', '{"sub":"a\\udc00b"}')}","expires_in":60}`,
    ],
    // The shown prefix of the token is cut from UTF-16 units: here, inside the emoji's pair.
    [
      "cut from the token's prefix",
      `{"access_token":"abcdefg😀${"x".repeat(30)}","expires_in":60}`,
    ],
  ])("%s is stored with the character replaced", async (_, body) => {
    const url = await answering(body);
    const saved = await saveProfile(kit, profile(url));
    const { run } = await runQueued(kit, await queueRun(kit, saved), runner);
    expect(run.status).toBe("succeeded");
    expect(JSON.stringify(run.tokenFacts)).toContain("\ufffd");
  });
});
