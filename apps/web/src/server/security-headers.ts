/**
 * The headers every answer carries, set in next.config.ts: no sniffing, no framing, no full
 * URLs sent to other sites.
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/**
 * The Content-Security-Policy. Pages pass the nonce of their response: only scripts carrying it
 * run, and what those load ('strict-dynamic'), so an injected <script> or inline handler does
 * not. Styles stay 'unsafe-inline': components set style attributes, which a nonce cannot
 * cover. The dev server also evaluates code for hot reloading and error overlays.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce?: string; dev: boolean }) {
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] : ["'self'"];
  if (dev) scripts.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Two years, subdomains too; only over https, where a browser may then refuse plain http. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Where the proxy hands a page's nonce to the layout (set on the request, never sent back). */
export const NONCE_HEADER = "x-nonce";

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
