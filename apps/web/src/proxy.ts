import { type NextRequest, NextResponse } from "next/server";
import { webEnv } from "./env.ts";
import { PATH_HEADER } from "./server/request-path.ts";
import {
  contentSecurityPolicy,
  createNonce,
  NONCE_HEADER,
  STRICT_TRANSPORT_SECURITY,
} from "./server/security-headers.ts";

/**
 * Every page gets a Content-Security-Policy with a nonce of its own. Next reads the nonce from
 * the policy on the request and puts it on every script it renders; the root layout puts it on
 * the theme script. Pages are therefore rendered for each request, never served prebuilt.
 */
export function proxy(request: NextRequest) {
  const env = webEnv();
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set(NONCE_HEADER, nonce);
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (env.AUTHDECK_BASE_URL.startsWith("https://")) {
    response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  }
  return response;
}

export const config = {
  // APIs answer JSON and set their own policy (next.config.ts); running the proxy on them would
  // also make Next buffer their bodies for it.
  matcher: ["/((?!api/|_next/static/|_next/image/|favicon.ico).*)"],
};
