/** A token request as the page shows it: already built, its secrets already masked or not. */
export type CurlRequest = {
  method: string;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
};

/** A profile's TLS settings a curl command names as files: a client certificate, a CA bundle. */
export type CurlTls = { clientCertificate?: boolean; caBundle?: boolean };

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The same request as a curl command someone can paste into a terminal. Kept free of Node
 * built-ins: the browser builds one from a stored (masked) request too.
 */
export function toCurl(request: CurlRequest, tls: CurlTls = {}): string {
  return [
    `curl -X ${request.method} ${shellQuote(request.url)}`,
    // Files the person saves beside the command: the key never leaves Authdeck.
    ...(tls.clientCertificate ? ["  --cert client-certificate.pem --key client-key.pem"] : []),
    ...(tls.caBundle ? ["  --cacert ca-bundle.pem"] : []),
    ...request.headers.map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  --data-raw ${shellQuote(request.body)}`,
  ].join(" \\\n");
}
