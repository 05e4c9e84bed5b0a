import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
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
    | "private_key_jwt";
  /** private_key_jwt: where the provider fetches the client's public keys (RFC 7591 jwks_uri). */
  jwksUri?: string;
  /** Space-separated scopes this client may ask for; none when omitted. */
  scope?: string;
};

/** How a request to the provider authenticated its client, as the provider received it. */
export type OidcRequestSeen = {
  method: string;
  path: string;
  status: number;
  clientAuth: "basic" | "post" | "assertion" | "none";
  grantType: string | null;
  scope: string | null;
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
}): Promise<OidcTestProvider> {
  // Imported here so that loading the testing helpers does not load oidc-provider.
  const { default: Provider } = await import("oidc-provider");
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
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
    ...(client.authMethod === "private_key_jwt" ? {} : { client_secret: client.clientSecret }),
    ...(client.jwksUri === undefined ? {} : { jwks_uri: client.jwksUri }),
    grant_types: ["client_credentials"],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: client.authMethod,
    // The only signing key is an EC key; the RS256 default would make the client invalid.
    id_token_signed_response_alg: "ES256",
    ...(client.scope === undefined ? {} : { scope: client.scope }),
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
      devInteractions: { enabled: false },
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
            : "none",
      grantType: text("grant_type"),
      scope: text("scope"),
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
