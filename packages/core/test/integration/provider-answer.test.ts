// @module-tag resilience
import { randomBytes } from "node:crypto";
import type { RecordedRequest, ScriptedAnswer, TokenServer } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import { listRuns } from "../../src/test-runs/index.ts";
import { tokenDashboard } from "../../src/tokens/index.ts";
import { queueRun, runQueued, saveProfile, testProfile, useTokenRunKit } from "../token-runs.ts";

// What a provider's answer may leave in a run: review findings 6 (size), 7 (escapings) and 14
// (headers). Every provider here is scripted by the test, on loopback.

const SECRET = "canary/sécret&<x> +5b1f";
const MIB = 1024 * 1024;

const kit = useTokenRunKit("answer");
const runner = { egressAllow: ["127.0.0.0/8"] };

const scripted = (script: (request: RecordedRequest) => ScriptedAnswer) => kit.serve({ script });

const profile = (server: TokenServer, overrides: Record<string, unknown> = {}) => ({
  name: `Scripted ${randomBytes(3).toString("hex")}`,
  identityProviderName: "Script",
  clientId: "client-1",
  clientSecret: SECRET,
  clientAuthMethod: "client_secret_post" as const,
  tokenRequestUrl: server.urlFor("scripted"),
  scopes: [{ key: "scope", value: "read" }],
  ...overrides,
});

const json = (status: number, body: string, headers: Record<string, string | string[]> = {}) => ({
  status,
  headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  body,
});

/** The client secret as the provider received it in the form body. */
const secretOf = (request: RecordedRequest) =>
  new URLSearchParams(request.body).get("client_secret") ?? "";

const lowerPercent = (value: string) =>
  encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (byte) => byte.toLowerCase());

/** How common servers repeat a value they were sent. */
const spellings = (value: string) => ({
  // PHP's json_encode: "\/" for "/", "\u00e9" for "é".
  php: JSON.stringify(value)
    .slice(1, -1)
    .replace(/\//g, "\\/")
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  // Python's json.dumps (ensure_ascii): "\u00e9", "/" as it is.
  python: JSON.stringify(value)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  htmlNamed: value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/é/g, "&eacute;"),
  htmlDecimal: value.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.codePointAt(0)};`),
  htmlHex: value.replace(/[^A-Za-z0-9]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`),
  lowerPercent: lowerPercent(value),
  form: new URLSearchParams([["", value]]).toString().slice(1),
  base64: Buffer.from(value).toString("base64"),
});

describe("a provider that repeats a secret in another escaping (finding 7)", () => {
  it("has it masked in PHP and Python JSON, HTML entities, lowercase percent-encoding, form encoding and base64", async () => {
    const server = await scripted((request) => {
      const repeated = spellings(secretOf(request));
      const fields = Object.entries(repeated).map(([name, spelling]) => `"${name}":"${spelling}"`);
      return json(400, `{"error":"invalid_client",${fields.join(",")}}`, {
        "X-Echo": repeated.lowerPercent,
      });
    });
    const { run } = await testProfile(kit, profile(server), runner);

    expect(run).toMatchObject({ status: "failed", errorMessage: "invalid_client" });
    // The provider did repeat the secret in each spelling: their absence below means something.
    const sent = server.requests[0]!.body;
    expect(new URLSearchParams(sent).get("client_secret")).toBe(SECRET);
    const stored = JSON.stringify(run);
    for (const [name, spelling] of Object.entries({ raw: SECRET, ...spellings(SECRET) })) {
      expect(stored, name).not.toContain(spelling);
    }
    expect(run.responseBody).toContain('"php":"[secret redacted]"');
    expect(run.responseBody).toContain('"base64":"[secret redacted]"');
    expect(run.responseHeaders).toMatchObject({ "x-echo": "[secret redacted]" });
  });

  it("stores no body when the secret is repeated in a form it cannot mask, and says so", async () => {
    const server = await scripted((request) =>
      json(
        401,
        JSON.stringify({
          error: "invalid_client",
          error_description: `Unknown secret ${secretOf(request).toUpperCase()}`,
        }),
      ),
    );
    const { run } = await testProfile(kit, profile(server), runner);

    expect(run.status).toBe("failed");
    expect(JSON.stringify(run)).not.toContain(SECRET.toUpperCase());
    expect(run.responseBody).toBeNull();
    expect(run.responseNote).toBe(
      "The provider's answer repeated a secret in a form Authdeck cannot mask; it was not stored.",
    );
    expect(run.errorMessage).toBe(
      "invalid_client (the provider's description is not shown: it may hold a secret)",
    );
  });
});

describe("a client secret too short to mask", () => {
  const SHORT = "auth";
  const standingAlone = new RegExp(`(?<![\\p{L}\\p{N}])${SHORT}(?![\\p{L}\\p{N}])`, "iu");

  it("leaves the words that merely contain it readable in the verdict and the body", async () => {
    const body = JSON.stringify({
      error: "invalid_client",
      error_description: "Client authentication failed: check the Authorization header",
    });
    const server = await scripted(() => json(401, body));
    const { run } = await testProfile(kit, profile(server, { clientSecret: SHORT }), runner);

    expect(run.status).toBe("failed");
    expect(run.errorMessage).toBe(
      "invalid_client: Client authentication failed: check the Authorization header",
    );
    expect(run.responseBody).toBe(body);
    expect(JSON.stringify(run)).not.toMatch(standingAlone);
  });

  it("stores nothing of an answer that repeats it as a word, in any spelling", async () => {
    for (const echo of [
      SHORT,
      SHORT.toUpperCase(),
      Buffer.from(`client-1:${SHORT}`).toString("base64"),
    ]) {
      const server = await scripted(() =>
        json(
          401,
          JSON.stringify({ error: "invalid_client", error_description: `bad secret ${echo}` }),
        ),
      );
      const { run } = await testProfile(kit, profile(server, { clientSecret: SHORT }), runner);

      expect(run.status).toBe("failed");
      expect(run.responseBody).toBeNull();
      expect(run.errorMessage).toBe(
        "invalid_client (the provider's description is not shown: it may hold a secret)",
      );
      expect(JSON.stringify(run)).not.toContain(`bad secret ${echo}`);
      expect(JSON.stringify(run)).not.toMatch(standingAlone);
    }
  });
});

describe("tokens the provider repeats in its headers (finding 14)", () => {
  it("are masked in X-Access-Token, Set-Cookie, a Location fragment and an Authorization header", async () => {
    const token = `tok_${randomBytes(16).toString("hex")}`;
    const stranger = `unknown_${randomBytes(12).toString("hex")}`;
    const server = await scripted(() =>
      json(200, JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600 }), {
        "X-Access-Token": token,
        "Set-Cookie": [`sid=${token}; Path=/; HttpOnly`, `theme=${stranger}; Path=/`],
        Location: `https://app.example.com/callback?state=1#access_token=${token}&state=1`,
        "Content-Location": `https://app.example.com/t?x=${encodeURIComponent(token)}`,
        Authorization: `Bearer ${stranger}`,
      }),
    );
    const { run } = await testProfile(kit, profile(server), runner);

    expect(run.status).toBe("succeeded");
    const headers = run.responseHeaders as Record<string, string>;
    const stored = JSON.stringify(run);
    for (const value of [token, encodeURIComponent(token), stranger]) {
      expect(stored).not.toContain(value);
    }
    expect(headers["set-cookie"]).toMatch(/^sid=\S*redacted\S*; Path=\/; HttpOnly, theme=/);
    expect(headers.location).toMatch(/^https:\/\/app\.example\.com\/callback\?state=1#/);
    expect(headers.authorization).toMatch(/redacted/);
    expect(headers["x-access-token"]).toMatch(/redacted/);
  });

  it("are masked in the fragment of a redirect's Location, in the headers and the verdict", async () => {
    const stranger = `implicit_${randomBytes(12).toString("hex")}`;
    const server = await scripted(() => ({
      status: 302,
      headers: { Location: `https://client.example.com/cb#access_token=${stranger}&state=x` },
      body: "",
    }));
    const { run } = await testProfile(kit, profile(server), runner);

    expect(run).toMatchObject({ status: "failed", errorClass: "redirect_not_followed" });
    expect(JSON.stringify(run)).not.toContain(stranger);
    expect(run.errorMessage).toMatch(
      /^The provider answered 302 and pointed to https:\/\/client\.example\.com\/cb#/,
    );
  });
});

describe("the size of what a run keeps (finding 6)", () => {
  it("stores no body for a one-character token repeated through a 1 MiB answer, and lists runs without bodies", async () => {
    const head = '{"access_token":"a","token_type":"Bearer","expires_in":3600,"padding":"';
    const body = `${head}${"a".repeat(MIB - head.length - 2)}"}`;
    const server = await scripted(() => json(200, body));
    const saved = await saveProfile(kit, profile(server));
    const runs = [];
    for (let i = 0; i < 6; i++)
      runs.push((await runQueued(kit, await queueRun(kit, saved), runner)).run);
    const history = await listRuns({ db: kit.db }, saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      limit: 20,
    });
    const answer = JSON.stringify(history);
    const stored = runs.map((run) => Buffer.byteLength(run.responseBody ?? ""));
    console.info(
      `1-character token in a ${body.length}-byte answer: stored bodies ${stored.join(", ")} bytes; history of ${history.length} runs: ${answer.length} bytes`,
    );
    for (const run of runs) {
      expect(run.status).toBe("succeeded");
      expect(run.responseBody).toBeNull();
      expect(run.responseNote).toBe(
        "The provider's answer was not stored: a secret or token in it is shorter than 8 characters, too short to tell from ordinary text.",
      );
    }
    expect(history).toHaveLength(6);
    expect(answer).not.toContain("responseBody");
    expect(answer).not.toContain("responseHeaders");
    expect(answer.length).toBeLessThan(6 * 1024);
    const dashboard = await tokenDashboard({ db: kit.db, now: () => new Date() }, saved.member, {
      appId: saved.appId,
    });
    expect(dashboard.profiles[0]!.history).toHaveLength(6);
    expect(JSON.stringify(dashboard).length).toBeLessThan(6 * 1024);
  });

  it("keeps at most 64 KiB of a long answer after masking, and says how long it was", async () => {
    const token = `tok_${randomBytes(16).toString("hex")}`;
    const head = `{"access_token":"${token}","token_type":"Bearer","expires_in":3600,"log":"`;
    const filler = `${token} `.repeat(Math.floor((MIB - head.length - 2) / (token.length + 1)));
    const body = `${head}${filler}"}`;
    const server = await scripted(() => json(200, body));
    const { run } = await testProfile(kit, profile(server), runner);

    expect(run.status).toBe("succeeded");
    const kept = Buffer.byteLength(run.responseBody ?? "");
    console.info(
      `${token.length}-character token repeated through ${body.length} bytes: ${kept} bytes kept`,
    );
    expect(kept).toBeGreaterThan(60 * 1024);
    expect(kept).toBeLessThanOrEqual(64 * 1024);
    expect(run.responseBody).not.toContain(token);
    expect(run.responseBody).toMatch(/^\{"access_token":"\[access_token redacted\]"/);
    expect(run.responseNote).toBe(
      `Only the first 64 KiB of the provider's ${body.length.toLocaleString("en-US")}-byte answer are kept.`,
    );
  });
});
