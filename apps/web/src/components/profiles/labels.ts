/** The product's words for stored values, as the reference documentation names them. */
export const TYPE_LABELS: Record<string, string> = {
  oauth2_client_credentials: "oauth v2 client credentials",
};

export const AUTH_METHOD_LABELS = {
  client_secret_basic: "Send as Basic Auth header",
  client_secret_post: "Send client credentials in body",
  client_secret_jwt: "Signed JWT with the client secret (client_secret_jwt)",
  private_key_jwt: "Signed JWT with a private key (private_key_jwt)",
  tls_client_auth: "Client certificate from a CA (tls_client_auth)",
  self_signed_tls_client_auth: "Self-signed client certificate (self_signed_tls_client_auth)",
} as const;

export const ASSERTION_AUDIENCE_LABELS = {
  token_endpoint: "Token Request URL",
  issuer: "Issuer",
} as const;

/** The public JWKS URL Authdeck serves for a private_key_jwt profile (see app/api/jwks). */
export const jwksUrlOf = (origin: string, jwksId: string) => `${origin}/api/jwks/${jwksId}`;

export const TOKEN_PLACEMENT_LABELS = {
  header: "Header",
  query: "Query parameter",
} as const;

/** How an API call carries the token, e.g. "Authorization: <token type> <token>". */
export function tokenPlacementExample(settings: {
  tokenPlacement: keyof typeof TOKEN_PLACEMENT_LABELS;
  tokenParameterName: string;
  tokenPrefix: string;
}): string {
  const { tokenPlacement, tokenParameterName, tokenPrefix } = settings;
  if (tokenPlacement === "query") return `?${tokenParameterName}=<token>`;
  return `${tokenParameterName}: ${tokenPrefix || "<token type>"} <token>`;
}
