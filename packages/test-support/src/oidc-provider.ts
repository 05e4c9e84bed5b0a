import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "oidc-provider";

export type OidcTestClient = {
  clientId: string;
  clientSecret: string;
  authMethod: "client_secret_basic" | "client_secret_post";
  /** Space-separated scopes this client may ask for; none when omitted. */
  scope?: string;
};

/** How a request to the provider authenticated its client, as the provider received it. */
export type OidcRequestSeen = {
  method: string;
  path: string;
  status: number;
  clientAuth: "basic" | "post" | "none";
  grantType: string | null;
  scope: string | null;
};

export type OidcTestProvider = {
  /** The issuer, e.g. http://127.0.0.1:40123 */
  url: string;
  tokenUrl: string;
  requests: OidcRequestSeen[];
  close: () => Promise<void>;
};

/**
 * A real OAuth 2.0 authorization server (oidc-provider 9) on 127.0.0.1, with the client
 * credentials grant and in-memory storage. `tokenPath` moves the token endpoint, for URLs such
 * as /tenants/acme/token.
 */
export async function startOidcProvider(options: {
  clients: readonly OidcTestClient[];
  scopes?: readonly string[];
  accessTokenTTL?: number;
  tokenPath?: string;
}): Promise<OidcTestProvider> {
  // Imported here so that loading the testing helpers does not load oidc-provider.
  const { default: Provider } = await import("oidc-provider");
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
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

  const provider = new Provider(url, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: client.authMethod,
      // The only signing key is an EC key; the RS256 default would make the client invalid.
      id_token_signed_response_alg: "ES256",
      ...(client.scope === undefined ? {} : { scope: client.scope }),
    })),
    scopes: [...scopes],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
    },
    routes: { token: tokenPath },
    ttl: { ClientCredentials: ttl },
    jwks: { keys: [{ ...signingKey, alg: "ES256", use: "sig", kid: "test" }] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    clientBasedCORS: () => false,
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
          : "none",
      grantType: text("grant_type"),
      scope: text("scope"),
    });
  });
  server.on("request", provider.callback());

  return {
    url,
    tokenUrl: `${url}${tokenPath}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
