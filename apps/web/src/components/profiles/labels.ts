/** The product's words for stored values, as the reference documentation names them. */
export const TYPE_LABELS: Record<string, string> = {
  oauth2_client_credentials: "oauth v2 client credentials",
};

export const AUTH_METHOD_LABELS = {
  client_secret_basic: "Send as Basic Auth header",
  client_secret_post: "Send client credentials in body",
} as const;
