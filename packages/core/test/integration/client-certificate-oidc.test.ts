// @module-tag resilience
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { dumpRedisKeys, type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import {
  issueCertificate,
  makeCertificateAuthority,
  type TestCertificate,
} from "@authdeck/test-support/certificates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEALED_COLUMNS } from "../../src/crypto/rotate.ts";
import { AppError } from "../../src/errors/app-error.ts";
import {
  describePastedCertificate,
  duplicateProfile,
  exportProfiles,
  getProfile,
  importProfiles,
  previewTokenRequest,
  updateProfile,
} from "../../src/profiles/index.ts";
import {
  exportDocumentSchema,
  type ProfileFieldsInput,
  profileFieldsSchema,
} from "../../src/schemas/profile.ts";
import { getRun } from "../../src/test-runs/index.ts";
import { inspectToken, revokeToken } from "../../src/tokens/index.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import {
  openTokenRunKit,
  queueRun,
  runQueued,
  type SavedProfile,
  saveProfile,
  type TokenRunKit,
} from "../token-runs.ts";

const runner = { egressAllow: ["127.0.0.0/8"] };
const DAY_MS = 86_400_000;

let kit: TokenRunKit;
let oidc: OidcTestProvider;
// The provider's https certificate comes from a private CA no system trusts; client
// certificates from another CA, which only the provider trusts.
let providerCa: TestCertificate;
let client: TestCertificate;
let untrusted: TestCertificate;
let selfSigned: TestCertificate;

beforeAll(async () => {
  kit = await openTokenRunKit("mtls");
  providerCa = await makeCertificateAuthority("Provider private CA");
  const server = await issueCertificate({
    commonName: "127.0.0.1",
    issuer: providerCa,
    hosts: ["127.0.0.1"],
  });
  const clientCa = await makeCertificateAuthority("Client CA");
  client = await issueCertificate({ commonName: "billing", issuer: clientCa });
  // Same subject, signed by a CA the provider does not trust.
  untrusted = await issueCertificate({
    commonName: "billing",
    issuer: await makeCertificateAuthority("Someone else's CA"),
  });
  selfSigned = await issueCertificate({ commonName: "self-signed billing" });
  oidc = await startOidcProvider({
    clients: [
      {
        clientId: "mtls-client",
        clientSecret: "",
        authMethod: "tls_client_auth",
        tlsSubjectDn: "CN=billing",
      },
      {
        clientId: "self-signed-client",
        clientSecret: "",
        authMethod: "self_signed_tls_client_auth",
        selfSignedCertificate: selfSigned.cert,
      },
    ],
    scopes: ["api:read"],
    tls: { cert: server.cert, key: server.key, clientCa: clientCa.cert },
    introspection: true,
  });
});
afterAll(async () => {
  await oidc?.close();
  await kit?.close();
});

const base = (overrides: Partial<ProfileFieldsInput> = {}): ProfileFieldsInput => ({
  name: "Mutual TLS",
  identityProviderName: "oidc-provider",
  clientId: "mtls-client",
  tokenRequestUrl: oidc.tokenUrl,
  scopes: [{ key: "scope", value: "api:read" }],
  clientAuthMethod: "tls_client_auth",
  clientCertificate: client.cert,
  clientCertificateKey: client.key,
  caBundle: providerCa.cert,
  ...overrides,
});

async function test(saved: SavedProfile) {
  const runId = await queueRun(kit, saved);
  const { run, events } = await runQueued(kit, runId, runner);
  const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
  return { run, shown, events };
}

const fieldErrorsOf = async (work: Promise<unknown>) => {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).details.fieldErrors ?? {};
};

describe("tls_client_auth against oidc-provider behind https that verifies the certificate", () => {
  it("passes with the certificate its CA issued, sending client_id and no secret", async () => {
    const saved = await saveProfile(kit, base());
    const { run, shown } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, clientAuth: "certificate" });
    const sent = new URLSearchParams(shown.request?.body);
    expect(sent.get("client_id")).toBe("mtls-client");
    expect(sent.get("client_secret")).toBeNull();
    expect(shown.request?.headers.some(([name]) => /^authorization$/i.test(name))).toBe(false);
  });

  it("fails with the provider's answer when the certificate comes from a CA it does not trust", async () => {
    const saved = await saveProfile(
      kit,
      base({ clientCertificate: untrusted.cert, clientCertificateKey: untrusted.key }),
    );
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
    expect(run.errorMessage).toMatch(/invalid_client/);
  });

  it("without the CA bundle the provider's private CA is not trusted, and the verdict says so", async () => {
    const saved = await saveProfile(kit, base({ caBundle: undefined }));
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", errorClass: "tls_error" });
    expect(run.errorMessage).toMatch(/not issued by a trusted authority.*CA bundle/);
  });

  it("refuses to save an expired certificate; one that expired since is refused before sending", async () => {
    const expired = await issueCertificate({
      commonName: "billing",
      notBefore: new Date(Date.now() - 10 * DAY_MS),
      notAfter: new Date(Date.now() - DAY_MS),
    });
    const errors = await fieldErrorsOf(
      saveProfile(
        kit,
        base({ clientCertificate: expired.cert, clientCertificateKey: expired.key }),
      ),
    );
    expect(errors.clientCertificate).toMatch(/This certificate expired on \d{4}-/);

    const saved = await saveProfile(kit, base());
    const requests = oidc.tokenRequestCount();
    // As a certificate saved while valid is stored once its day has passed.
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { clientCertificate: expired.cert },
    });
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", errorClass: "certificate_expired" });
    expect(run.errorMessage).toMatch(/The client certificate \(CN=billing\) expired on \d{4}-/);
    expect(oidc.tokenRequestCount()).toBe(requests);
  });

  it("refuses a key that does not match, an unparsable PEM and a bad CA bundle at their fields", async () => {
    const cases: Array<[Partial<ProfileFieldsInput>, string, RegExp]> = [
      [{ clientCertificateKey: untrusted.key }, "clientCertificateKey", /does not match/],
      [{ clientCertificateKey: "not a key" }, "clientCertificateKey", /Not a private key/],
      [
        { clientCertificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" },
        "clientCertificate",
        /Not a certificate/,
      ],
      [{ clientCertificate: "hello" }, "clientCertificate", /paste PEM certificates/],
      [{ clientCertificate: undefined }, "clientCertificate", /Paste the client certificate/],
      [{ clientCertificateKey: undefined }, "clientCertificateKey", /Paste the certificate's/],
      [
        { caBundle: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----" },
        "caBundle",
        /Not a CA bundle/,
      ],
    ];
    for (const [overrides, field, message] of cases) {
      const parsed = profileFieldsSchema.safeParse(base(overrides));
      const errors = parsed.success
        ? await fieldErrorsOf(saveProfile(kit, base(overrides)))
        : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
      expect(errors[field], field).toMatch(message);
    }
  });
});

describe("Revoke token and Inspect token with a client certificate", () => {
  it("present the certificate to the provider's endpoints, as the token request does", async () => {
    const saved = await saveProfile(
      kit,
      base({
        revocationEndpoint: `${oidc.url}/token/revocation`,
        introspectionEndpoint: `${oidc.url}/token/introspection`,
      }),
    );
    expect((await test(saved)).run.status).toBe("succeeded");
    const deps = {
      db: kit.db,
      sealer: kit.sealer,
      now: () => new Date(),
      egressAllow: runner.egressAllow,
      egressTeamMayAllow: [],
    };
    const ref = { appId: saved.appId, profileId: saved.profileId };
    expect(await inspectToken(deps, saved.member, ref)).toMatchObject({
      ok: true,
      active: true,
      clientId: "mtls-client",
    });
    expect(await revokeToken(deps, saved.member, ref)).toEqual({ ok: true, status: 200 });
    expect(await inspectToken(deps, saved.member, ref)).toMatchObject({ ok: true, active: false });
  });
});

describe("an https token endpoint that refuses unknown client certificates in the handshake", () => {
  it("fails with a TLS verdict that says the server refused the certificate", async () => {
    const clientCa = await makeCertificateAuthority("Strict client CA");
    const server = await issueCertificate({
      commonName: "127.0.0.1",
      issuer: providerCa,
      hosts: ["127.0.0.1"],
    });
    // node:https itself refuses the handshake: no HTTP answer ever comes.
    const strict = createHttpsServer(
      {
        cert: server.cert,
        key: server.key,
        ca: clientCa.cert,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
    );
    await new Promise<void>((resolve) => strict.listen(0, "127.0.0.1", resolve));
    try {
      const port = (strict.address() as AddressInfo).port;
      const saved = await saveProfile(
        kit,
        base({
          tokenRequestUrl: `https://127.0.0.1:${port}/token`,
          clientCertificate: untrusted.cert,
          clientCertificateKey: untrusted.key,
        }),
      );
      const { run } = await test(saved);
      expect(run).toMatchObject({ status: "failed", errorClass: "tls_error" });
      expect(run.errorMessage).toMatch(
        /closed the connection after the TLS handshake without answering: it most likely refused the client certificate/,
      );
    } finally {
      strict.closeAllConnections();
      await new Promise((resolve) => strict.close(resolve));
    }
  });
});

describe("self_signed_tls_client_auth against a provider that pins the certificate", () => {
  it("passes with the registered self-signed certificate and fails with another", async () => {
    const profile = (cert: TestCertificate) =>
      base({
        clientId: "self-signed-client",
        clientAuthMethod: "self_signed_tls_client_auth",
        clientCertificate: cert.cert,
        clientCertificateKey: cert.key,
      });
    const passing = await test(await saveProfile(kit, profile(selfSigned)));
    expect(passing.run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, clientAuth: "certificate" });

    const other = await issueCertificate({ commonName: "self-signed billing" });
    const { run } = await test(await saveProfile(kit, profile(other)));
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
  });
});

describe("the certificate's key", () => {
  it("stays out of every answer, export, copy, run, audit event and Redis key; the certificate goes along", async () => {
    const saved = await saveProfile(kit, base());
    const { run, shown, events } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(events.length).toBeGreaterThan(0);
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const deps = { ...kit, now: () => new Date() };
    const stored = await getProfile(kit, saved.member, ref);
    expect(stored).toMatchObject({
      clientAuthMethod: "tls_client_auth",
      clientCertificate: client.cert.trim(),
      hasCertificateKey: true,
      caBundle: providerCa.cert.trim(),
      certificate: { subject: "CN=billing", issuer: "CN=Client CA" },
    });
    expect(stored.certificate?.validTo.getTime()).toBeGreaterThan(Date.now());

    // Saved again without the key: the stored one stays and still matches.
    const { clientCertificateKey: _, ...withoutKey } = base();
    await updateProfile(deps, saved.member, {
      ...ref,
      version: stored.version,
      profile: profileFieldsSchema.parse({ ...withoutKey, description: "kept key" }),
    });
    expect((await test(saved)).run.status).toBe("succeeded");
    // A new certificate whose key is not the stored one: refused, nothing changed.
    const errors = await fieldErrorsOf(
      updateProfile(deps, saved.member, {
        ...ref,
        version: stored.version + 1,
        profile: profileFieldsSchema.parse({ ...withoutKey, clientCertificate: untrusted.cert }),
      }),
    );
    expect(errors.clientCertificateKey).toMatch(/saved key does not match/);
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row).toMatchObject({
      version: stored.version + 1,
      clientCertificate: client.cert.trim(),
    });

    const copy = await duplicateProfile(deps, saved.member, ref);
    const copied = await kit.db.authorizationProfile.findUniqueOrThrow({ where: { id: copy.id } });
    expect(copied).toMatchObject({
      clientCertificate: row.clientCertificate,
      caBundle: row.caBundle,
      clientCertificateKeySealed: null,
      needsSecrets: true,
    });

    const exported = await exportProfiles(deps, saved.member, { appId: saved.appId });
    expect(exported.profiles[0]).toMatchObject({
      clientAuthMethod: "tls_client_auth",
      clientCertificate: row.clientCertificate,
      hasCertificateKey: true,
      caBundle: row.caBundle,
    });
    const document = exportDocumentSchema.parse({
      ...exported,
      profiles: [{ ...exported.profiles[0], name: "Mutual TLS imported" }],
    });
    await importProfiles(deps, saved.member, { appId: saved.appId, document });
    const imported = await kit.db.authorizationProfile.findFirstOrThrow({
      where: { appId: saved.appId, name: "Mutual TLS imported" },
    });
    expect(imported).toMatchObject({
      clientCertificate: row.clientCertificate,
      clientCertificateKeySealed: null,
      needsSecrets: true,
    });

    const audit = await kit.db.auditEvent.findMany({
      where: { targetId: saved.profileId, action: "profile.create" },
    });
    expect(audit[0]?.changes).toMatchObject({
      clientCertificate: "CN=billing",
      clientCertificateKey: "[uploaded]",
      caBundle: "[set]",
    });
    const everything = JSON.stringify([
      stored,
      shown,
      run,
      events,
      exported,
      await previewTokenRequest(kit, saved.member, ref),
      await kit.db.auditEvent.findMany({ where: { teamId: saved.teamId } }),
      await kit.db.testRun.findMany({ where: { profileId: saved.profileId } }),
      await dumpRedisKeys(kit.redis, kit.queuePrefix),
    ]);
    const keyBody = client.key.split("\n").slice(1, -2).join("");
    expect(keyBody.length).toBeGreaterThan(40);
    for (const line of client.key.split("\n").slice(1, -2)) expect(everything).not.toContain(line);
    expect(everything).not.toContain(row.clientCertificateKeySealed);
  });

  it("is re-sealed by pnpm secrets:rotate, which lists every sealed column of the database", async () => {
    const columns = await kit.db.$queryRawUnsafe<
      Array<{ table_name: string; column_name: string }>
    >(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name LIKE '%\\_sealed'`,
    );
    const listed = SEALED_COLUMNS.map(({ table, column }) => `${table}.${column}`).sort();
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(listed);
    expect(listed).toContain("authorization_profile.client_certificate_key_sealed");
  });

  it("refuses an import whose CA bundle is not PEM certificates, at that profile's field", async () => {
    const saved = await saveProfile(kit, base());
    const deps = { ...kit, now: () => new Date() };
    const exported = await exportProfiles(deps, saved.member, { appId: saved.appId });
    const document = exportDocumentSchema.parse({
      ...exported,
      profiles: [
        {
          ...exported.profiles[0],
          name: "Broken bundle",
          caBundle: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
        },
      ],
    });
    const errors = await fieldErrorsOf(
      importProfiles(deps, saved.member, { appId: saved.appId, document }),
    );
    expect(errors["profiles.0.caBundle"]).toMatch(/Broken bundle: the CA bundle is not readable/);
    expect(await kit.db.authorizationProfile.count({ where: { appId: saved.appId } })).toBe(1);
  });

  it("lets no other team read the profile, and no viewer replace its certificate", async () => {
    const saved = await saveProfile(kit, base());
    const deps = { ...kit, now: () => new Date() };
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const other = await createTeamWithMembers(deps, `Other ${Math.random().toString(36).slice(2)}`);
    expect((await appErrorOf(getProfile(deps, await other.as("owner"), ref))).code).toBe(
      "NOT_FOUND",
    );
    const viewer = { ...saved.member, role: "viewer" as const };
    // The dialog's description of a pasted certificate: any member, no other team.
    const pasted = { appId: saved.appId, certificate: client.cert };
    expect(await describePastedCertificate(deps, viewer, pasted)).toMatchObject({
      subject: "CN=billing",
      issuer: "CN=Client CA",
    });
    expect(
      (await appErrorOf(describePastedCertificate(deps, await other.as("owner"), pasted))).code,
    ).toBe("NOT_FOUND");
    const unreadable = {
      ...pasted,
      certificate: "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----",
    };
    expect(
      (await fieldErrorsOf(describePastedCertificate(deps, viewer, unreadable))).clientCertificate,
    ).toMatch(/Not a certificate/);
    const replace = updateProfile(deps, viewer, {
      ...ref,
      version: 1,
      profile: profileFieldsSchema.parse(
        base({ clientCertificate: untrusted.cert, clientCertificateKey: untrusted.key }),
      ),
    });
    expect((await appErrorOf(replace)).code).toBe("FORBIDDEN");
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row.clientCertificate).toBe(client.cert.trim());
  });
});
