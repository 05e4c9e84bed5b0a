import type { HttpExchange } from "../http/send-request.ts";
import { maskLocation } from "./masking/header-rules.ts";
import { type TokenFacts, tokenFacts } from "./token-facts.ts";
import { lifetimeWarning } from "./token-lifetime.ts";

export type FailureClass =
  | "oauth_error"
  | "http_error"
  | "redirect_not_followed"
  | "unreadable_body"
  | "missing_access_token";

export type Judgement =
  | {
      ok: true;
      accessToken: string;
      refreshToken: string | null;
      facts: TokenFacts;
      warnings: string[];
    }
  | {
      ok: false;
      errorClass: FailureClass;
      message: string;
      /** The provider's own words (error_description), shown after the message when they can be. */
      description: string | null;
      /** 5xx and 429 may pass; other answers will not change by asking again. */
      retryable: boolean;
      retryAfterMs: number | null;
    };

/** Reads a JSON or form-encoded token answer; null when it is neither. */
export function parseAnswer(exchange: HttpExchange): Record<string, unknown> | null {
  const type = (exchange.headers["content-type"] ?? "").toLowerCase();
  const text = exchange.body.trim();
  if (
    type.includes("application/x-www-form-urlencoded") ||
    (!type.includes("json") && /^[\w.-]+=/.test(text))
  ) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Judges a provider's answer by RFC 6749 §5.1 (success) and §5.2 (error). */
export function judgeResponse(
  exchange: HttpExchange,
  requestedScope: string | null,
  now: Date,
  /** The token type asked for: DPoP when the request carried a proof (RFC 9449 §5). */
  expectedTokenType: "Bearer" | "DPoP" = "Bearer",
): Judgement {
  const { status } = exchange;
  const retryable = status >= 500 || status === 429;
  const retryAfterMs = retryable ? parseRetryAfter(exchange.headers["retry-after"], now) : null;
  if (status >= 300 && status < 400) {
    const location = exchange.headers.location;
    return {
      ok: false,
      errorClass: "redirect_not_followed",
      message: `The provider answered ${status} and pointed to ${location === undefined ? "no location" : maskLocation(location)}; token requests never follow redirects`,
      description: null,
      retryable: false,
      retryAfterMs: null,
    };
  }
  const answer = parseAnswer(exchange);
  if (status < 200 || status >= 300) {
    if (answer && typeof answer.error === "string") {
      return {
        ok: false,
        errorClass: "oauth_error",
        message: answer.error,
        description:
          typeof answer.error_description === "string" && answer.error_description
            ? answer.error_description
            : null,
        retryable,
        retryAfterMs,
      };
    }
    return {
      ok: false,
      errorClass: "http_error",
      message: `The provider answered HTTP ${status}`,
      description: null,
      retryable,
      retryAfterMs,
    };
  }
  if (!answer) {
    return {
      ok: false,
      errorClass: "unreadable_body",
      message: "The provider answered 2xx with a body that is neither JSON nor form-encoded",
      description: null,
      retryable: false,
      retryAfterMs: null,
    };
  }
  const accessToken = answer.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    return {
      ok: false,
      errorClass: "missing_access_token",
      message: "The provider answered 2xx without an access_token",
      description: null,
      retryable: false,
      retryAfterMs: null,
    };
  }
  const facts = tokenFacts(answer, accessToken);
  return {
    ok: true,
    accessToken,
    refreshToken:
      typeof answer.refresh_token === "string" && answer.refresh_token
        ? answer.refresh_token
        : null,
    facts,
    warnings: complianceWarnings(exchange, facts, requestedScope, now, expectedTokenType),
  };
}

function complianceWarnings(
  exchange: HttpExchange,
  facts: TokenFacts,
  requestedScope: string | null,
  now: Date,
  expectedTokenType: string,
): string[] {
  const warnings: string[] = [];
  const lifetime = lifetimeWarning(facts, now);
  if (lifetime) warnings.push(lifetime);
  if (facts.expiresIn === null) {
    warnings.push(
      "No expires_in: Authdeck cannot tell when the token expires and assumes the profile's default lifetime",
    );
  }
  if (!/no-store/i.test(exchange.headers["cache-control"] ?? "")) {
    warnings.push(
      "No Cache-Control: no-store header; RFC 6749 §5.1 requires it on token responses",
    );
  }
  if (facts.tokenType && facts.tokenType.toLowerCase() !== expectedTokenType.toLowerCase()) {
    // A Bearer token asked for with a proof is not bound to the key: anyone holding it may use it.
    warnings.push(`token_type is "${facts.tokenType}", not ${expectedTokenType}`);
  }
  if (
    requestedScope &&
    facts.grantedScope !== null &&
    !sameScopes(requestedScope, facts.grantedScope)
  ) {
    warnings.push(
      `Granted scope "${facts.grantedScope}" differs from the requested "${requestedScope}"`,
    );
  }
  if (facts.refreshTokenIssued) {
    warnings.push(
      "A refresh token was issued to a client credentials grant; RFC 6749 §4.4.3 says it should not be",
    );
  }
  return warnings;
}

const sameScopes = (a: string, b: string) => {
  const set = (s: string) => [...new Set(s.split(/\s+/).filter(Boolean))].sort().join(" ");
  return set(a) === set(b);
};

function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
