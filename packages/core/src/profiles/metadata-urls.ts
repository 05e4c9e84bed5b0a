/**
 * Where an issuer's metadata may be, in the order asked: RFC 8414 §3.1 puts the well-known
 * segment between the host and the issuer's path; OpenID Connect Discovery §4 appends it to the
 * issuer. For an issuer without a path the two forms are the same URL.
 */
export function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, "");
  url.search = "";
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}
