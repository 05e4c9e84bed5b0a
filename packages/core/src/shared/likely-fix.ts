/** The parts of a failed run that tell what probably went wrong. */
export type Verdict = {
  errorClass: string | null;
  errorMessage: string | null;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
};

/** The profile field a fix is made in: the edit dialog opens there. */
export type FixField = "clientId" | "clientSecret" | "scopes" | "tokenRequestUrl";

export type LikelyFix = { text: string; field: FixField | null };

/** The OAuth error code at the start of the verdict ("invalid_client: Bad secret"). */
const oauthCode = (message: string | null) => /^([a-z_]+)\b/.exec(message ?? "")?.[1] ?? null;

// Maps, not objects: a provider's error code must never reach a prototype key ("constructor").
const OAUTH_FIXES = new Map<string, LikelyFix>(
  Object.entries({
    invalid_client: {
      text: "Check the Client Secret Key, or try sending client credentials in the body.",
      field: "clientSecret",
    },
    invalid_scope: {
      text: "Check the Scope pairs: the provider does not grant one of the scopes asked for, or wants them spelled another way.",
      field: "scopes",
    },
    unauthorized_client: {
      text: "The provider does not let this Client ID use the client credentials grant: enable it for the client at the provider.",
      field: "clientId",
    },
    unsupported_grant_type: {
      text: "The address does not take client credentials grants: check that the Token Request URL is the provider's token endpoint.",
      field: "tokenRequestUrl",
    },
  }),
);

const TRANSPORT_FIXES = new Map<string, LikelyFix>(
  Object.entries({
    timeout: {
      text: "The provider did not answer in time: check the host and port in the Token Request URL, and that the provider is up.",
      field: "tokenRequestUrl",
    },
    blocked_destination: {
      text: "The egress rules do not allow this host: check the Token Request URL, or ask a team admin to allow the host.",
      field: "tokenRequestUrl",
    },
    connection_refused: {
      text: "Nothing accepted the connection at that address: check the port in the Token Request URL.",
      field: "tokenRequestUrl",
    },
    dns_error: {
      text: "The host name does not exist: check the Token Request URL for a typo.",
      field: "tokenRequestUrl",
    },
    tls_error: {
      text: "The secure connection failed: check that the Token Request URL uses the right scheme (https:// or http://) and port, and for a provider behind a private CA or asking for mutual TLS, the profile's CA bundle and client certificate.",
      field: "tokenRequestUrl",
    },
    redirect_not_followed: {
      text: "The provider sent the request elsewhere: use the address it pointed to (often https:// or a trailing slash) as the Token Request URL.",
      field: "tokenRequestUrl",
    },
    unreadable_body: {
      text: "Something answered that is not a token endpoint: check the Token Request URL.",
      field: "tokenRequestUrl",
    },
    missing_access_token: {
      text: "Something answered that is not a token endpoint: check the Token Request URL.",
      field: "tokenRequestUrl",
    },
  }),
);

const GATEWAY_STATUSES = new Set([502, 503, 504]);

function isHtml(headers: Record<string, string> | null): boolean {
  const type = Object.entries(headers ?? {}).find(
    ([name]) => name.toLowerCase() === "content-type",
  );
  return /text\/html/i.test(type?.[1] ?? "");
}

function httpFix(status: number | null, html: boolean): LikelyFix | null {
  if (status !== null && GATEWAY_STATUSES.has(status) && html) {
    return {
      text: "A proxy or gateway in front of the provider answered, not the provider: check that the provider is up and the Token Request URL points at it.",
      field: "tokenRequestUrl",
    };
  }
  if (status === 404 || status === 405) {
    return {
      text: "No token endpoint at that address: check the path in the Token Request URL.",
      field: "tokenRequestUrl",
    };
  }
  if (status === 401) {
    return {
      text: "The provider refused the client: check the Client ID and Client Secret Key, or try sending client credentials in the body.",
      field: "clientSecret",
    };
  }
  return null;
}

/**
 * One line on what probably fixes a failed test, shown beside the raw verdict, and the field to
 * open the profile at; null when the failure is not one of the common cases.
 */
export function likelyFix(verdict: Verdict): LikelyFix | null {
  switch (verdict.errorClass) {
    case null:
      return null;
    case "oauth_error":
      return OAUTH_FIXES.get(oauthCode(verdict.errorMessage) ?? "") ?? null;
    case "http_error":
      return httpFix(verdict.responseStatus, isHtml(verdict.responseHeaders));
    default:
      return TRANSPORT_FIXES.get(verdict.errorClass) ?? null;
  }
}
