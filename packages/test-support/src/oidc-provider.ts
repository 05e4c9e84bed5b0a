import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { ClientMetadata, JWK } from "oidc-provider";

export type OidcTestClient = {
  clientId: string;
  /** Unused (and not registered) for private_key_jwt. */
  clientSecret: string;
  authMethod:
    | "client_secret_basic"
    | "client_secret_post"
    | "client_secret_jwt"
    | "private_key_jwt"
    | "tls_client_auth"
    | "self_signed_tls_client_auth";
  /** tls_client_auth: the subject DN its certificate must name, e.g. "CN=billing" (RFC 8705 §2.1.2). */
  tlsSubjectDn?: string;
  /** self_signed_tls_client_auth: the PEM certificate registered for it (in its jwks, as x5c). */
  selfSignedCertificate?: string;
  /** private_key_jwt: where the provider fetches the client's public keys (RFC 7591 jwks_uri). */
  jwksUri?: string;
  /** Space-separated scopes this client may ask for; none when omitted. */
  scope?: string;
  /** RFC 9449 §5.2 dpop_bound_access_tokens: the provider refuses its token requests without a proof. */
  dpopBound?: boolean;
};

/** How a request to the provider authenticated its client, as the provider received it. */
export type OidcRequestSeen = {
  method: string;
  path: string;
  status: number;
  clientAuth: "basic" | "post" | "assertion" | "certificate" | "none";
  grantType: string | null;
  scope: string | null;
  /** Whether the request carried a DPoP proof. */
  dpop: boolean;
};

/** The client a resource server authenticates with to ask whether a token is active. */
export type OidcIntrospectionClient = {
  /** RFC 7662 endpoint. */
  introspectionUrl: string;
  clientId: string;
  clientSecret: string;
};

export type OidcTestProvider = {
  /** The issuer, e.g. http://127.0.0.1:40123 */
  url: string;
  tokenUrl: string;
  requests: OidcRequestSeen[];
  /** How many requests reached the token endpoint, answered or not. */
  tokenRequestCount: () => number;
  /** Set when started with `introspection: true`. */
  introspection: OidcIntrospectionClient | null;
  /**
   * Revokes an access token at the RFC 7009 endpoint, authenticated as the client it was issued
   * to, as that client would. Needs `introspection: true`.
   */
  revoke: (accessToken: string) => Promise<void>;
  close: () => Promise<void>;
};

const SECRETLESS = new Set(["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"]);

/** The certificate the client presented on this request's TLS connection, if any. */
function peerCertificate(ctx: { socket: unknown }): X509Certificate | undefined {
  const socket = ctx.socket as { getPeerX509Certificate?: () => X509Certificate | undefined };
  return socket.getPeerX509Certificate?.();
}

/** A self-signed certificate as a client's registered JWK: its public key with the x5c chain. */
function certificateJwk(pem: string): JWK {
  const cert = new X509Certificate(pem);
  const jwk = cert.publicKey.export({ format: "jwk" }) as JWK;
  return { ...jwk, x5c: [cert.raw.toString("base64")] };
}

/**
 * A real OAuth 2.0 authorization server (oidc-provider 9) on 127.0.0.1, with the client
 * credentials grant and in-memory storage. `tokenPath` moves the token endpoint, for URLs such
 * as /tenants/acme/token. `introspection` turns on the introspection (RFC 7662) and revocation
 * (RFC 7009) endpoints, which its discovery document names, and adds a client a resource server
 * may introspect with (a client may introspect its own tokens too); the access tokens
 * are opaque (no resource indicators), so a revoked one is refused on its next introspection.
 */
export async function startOidcProvider(options: {
  clients: readonly OidcTestClient[];
  scopes?: readonly string[];
  accessTokenTTL?: number;
  tokenPath?: string;
  introspection?: boolean;
  /** A loopback port chosen beforehand (a profile saved with the URL first); 0 picks one. */
  port?: number;
  /**
   * Serve https with this certificate and ask every client for one (RFC 8705 mutual TLS): the
   * handshake accepts any, and the provider judges it (verified by `clientCa` for
   * tls_client_auth, registered for self_signed_tls_client_auth).
   */
  tls?: { cert: string; key: string; clientCa: string };
  /** Demand a DPoP nonce (RFC 9449 §8) in every proof: the first proof is refused with one. */
  dpopNonce?: boolean;
}): Promise<OidcTestProvider> {
  // Imported here so that loading the testing helpers does not load oidc-provider.
  const { default: Provider } = await import("oidc-provider");
  const { tls } = options;
  const server = tls
    ? createHttpsServer({
        cert: tls.cert,
        key: tls.key,
        ca: tls.clientCa,
        requestCert: true,
        rejectUnauthorized: false,
      })
    : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
  const tokenPath = options.tokenPath ?? "/token";
  const ttl = options.accessTokenTTL ?? 300;
  const scopes = new Set(options.scopes ?? []);
  for (const client of options.clients) {
    for (const scope of (client.scope ?? "").split(" ").filter(Boolean)) scopes.add(scope);
  }
  const signingKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
    format: "jwk",
  }) as JWK;

  const resourceServer = options.introspection
    ? { clientId: "resource-server", clientSecret: randomBytes(16).toString("hex") }
    : null;

  const clients: ClientMetadata[] = options.clients.map((client) => ({
    client_id: client.clientId,
    ...(SECRETLESS.has(client.authMethod) ? {} : { client_secret: client.clientSecret }),
    ...(client.tlsSubjectDn === undefined
      ? {}
      : { tls_client_auth_subject_dn: client.tlsSubjectDn }),
    ...(client.selfSignedCertificate === undefined
      ? {}
      : { jwks: { keys: [certificateJwk(client.selfSignedCertificate)] } }),
    ...(client.jwksUri === undefined ? {} : { jwks_uri: client.jwksUri }),
    grant_types: ["client_credentials"],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: client.authMethod,
    // The only signing key is an EC key; the RS256 default would make the client invalid.
    id_token_signed_response_alg: "ES256",
    ...(client.scope === undefined ? {} : { scope: client.scope }),
    ...(client.dpopBound ? { dpop_bound_access_tokens: true } : {}),
  }));
  if (resourceServer) {
    // It asks about tokens and never gets one of its own.
    clients.push({
      client_id: resourceServer.clientId,
      client_secret: resourceServer.clientSecret,
      grant_types: [],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "ES256",
    });
  }

  const provider = new Provider(url, {
    clients,
    scopes: [...scopes],
    features: {
      clientCredentials: { enabled: true },
      dPoP: {
        enabled: true,
        ...(options.dpopNonce
          ? { nonceSecret: randomBytes(32), requireNonce: () => true }
          : { requireNonce: () => false }),
      },
      devInteractions: { enabled: false },
      mTLS: {
        enabled: tls !== undefined,
        tlsClientAuth: true,
        selfSignedTlsClientAuth: true,
        getCertificate: (ctx) => peerCertificate(ctx)?.toString(),
        certificateAuthorized: (ctx) =>
          (ctx.socket as { authorized?: boolean }).authorized === true,
        certificateSubjectMatches: (ctx, property, expected) =>
          property === "tls_client_auth_subject_dn" && peerCertificate(ctx)?.subject === expected,
      },
      introspection: {
        enabled: resourceServer !== null,
        // The resource server, and a client asking about its own token (Authdeck's "Inspect token").
        allowedPolicy: (_ctx, client, token) =>
          client.clientId === resourceServer?.clientId || client.clientId === token.clientId,
      },
      revocation: {
        enabled: resourceServer !== null,
        allowedPolicy: (_ctx, client, token) => client.clientId === token.clientId,
      },
    },
    ...(tls
      ? {
          clientAuthMethods: [
            "client_secret_basic",
            "client_secret_post",
            "client_secret_jwt",
            "private_key_jwt",
            "tls_client_auth",
            "self_signed_tls_client_auth",
          ],
        }
      : {}),
    routes: { token: tokenPath },
    ttl: { ClientCredentials: ttl },
    jwks: { keys: [{ ...signingKey, alg: "ES256", use: "sig", kid: "test" }] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    clientBasedCORS: () => false,
    // Its SSRF guard refuses special-use addresses, and a test's jwks_uri is on loopback.
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      fetch(input, { ...init, dispatcher: undefined } as RequestInit),
  });

  const requests: OidcRequestSeen[] = [];
  provider.use(async (ctx, next) => {
    await next();
    const body = (ctx.oidc?.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : null);
    requests.push({
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      clientAuth: /^basic /i.test(ctx.get("authorization"))
        ? "basic"
        : text("client_secret") !== null
          ? "post"
          : text("client_assertion") !== null
            ? "assertion"
            : peerCertificate(ctx)
              ? "certificate"
              : "none",
      grantType: text("grant_type"),
      scope: text("scope"),
      dpop: ctx.get("dpop") !== "",
    });
  });
  server.on("request", provider.callback());

  const revoke = async (accessToken: string) => {
    const issued = await provider.ClientCredentials.find(accessToken);
    const client = options.clients.find((c) => c.clientId === issued?.clientId);
    if (!resourceServer || !client) throw new Error("revoke: not a token of this provider");
    const body = new URLSearchParams({ token: accessToken, token_type_hint: "access_token" });
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
    };
    if (client.authMethod === "client_secret_post") {
      body.set("client_id", client.clientId);
      body.set("client_secret", client.clientSecret);
    } else {
      const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
      headers.authorization = `Basic ${basic}`;
    }
    const response = await fetch(`${url}/token/revocation`, { method: "POST", headers, body });
    if (response.status !== 200)
      throw new Error(`revoke: the provider answered ${response.status}`);
  };

  return {
    url,
    tokenUrl: `${url}${tokenPath}`,
    requests,
    tokenRequestCount: () => requests.filter((r) => r.path === tokenPath).length,
    introspection: resourceServer && {
      introspectionUrl: `${url}/token/introspection`,
      ...resourceServer,
    },
    revoke,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
