import type { OutgoingRequest } from "../http/send-request.ts";
import type { CLIENT_AUTH_METHODS } from "../schemas/profile.ts";
import { headerKeyProblem } from "../shared/header-names.ts";
import { TENANT_PLACEHOLDER } from "../shared/tenant-rules.ts";
import { JWT_BEARER_ASSERTION_TYPE } from "./client-assertion.ts";
import { RequestBuildError } from "./request-build-error.ts";

type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

import { type Filling, filledUrl } from "./request-url.ts";

export const REDACTED = "********";

export type RequestProfile = {
  tokenRequestUrl: string;
  clientId: string;
  clientAuthMethod: ClientAuthMethod;
  scopes: ReadonlyArray<{ key: string; value: string }>;
  fields: ReadonlyArray<{
    type: "header" | "payload" | "query" | "path";
    key: string;
    secret: boolean;
  }>;
};

/** Secret values, opened just before sending; absent ones are sent empty. */
export type RequestSecrets = {
  clientSecret: string | null;
  /** client_secret_jwt, private_key_jwt: the signed assertion (see client-assertion.ts). */
  clientAssertion?: string | null;
  /** Every field's value by "type:key", secret or not. */
  fieldValues: ReadonlyMap<string, string>;
};

export type Grant =
  | { type: "client_credentials" }
  | { type: "refresh_token"; refreshToken: string; url: string };

/** A token request is an outgoing request like any other; http/ knows nothing of tokens. */
export type TokenRequest = OutgoingRequest;

export const fieldValueKey = (type: string, key: string) => `${type}:${key}`;

// application/x-www-form-urlencoded, as RFC 6749 §2.3.1 asks for the Basic credentials too.
const formEncode = (value: string) => new URLSearchParams([["", value]]).toString().slice(1);

/**
 * The token request a profile makes: the single builder behind the worker's requests, the
 * request preview and the "request as sent" of a test run. With `redact`, every secret is
 * replaced by a mask, so the result can be shown and stored.
 */
export function buildTokenRequest(options: {
  profile: RequestProfile;
  secrets: RequestSecrets;
  tenant?: string | undefined;
  grant?: Grant;
  redact?: boolean;
}): TokenRequest {
  const { profile, secrets, redact = false } = options;
  const grant = options.grant ?? { type: "client_credentials" };
  const fieldValue = (type: string, key: string, secret: boolean) =>
    redact && secret ? REDACTED : (secrets.fieldValues.get(fieldValueKey(type, key)) ?? "");
  const fieldsOf = (type: RequestProfile["fields"][number]["type"]) =>
    profile.fields.filter((f) => f.type === type);

  const fillings = new Map<string, Filling>(
    fieldsOf("path").map((f) => [
      f.key,
      {
        value: fieldValue("path", f.key, f.secret),
        what: `the Path Param {${f.key}}`,
        field: `fields.${profile.fields.indexOf(f)}.value`,
      },
    ]),
  );
  fillings.set(TENANT_PLACEHOLDER, {
    value: options.tenant ?? "",
    what: "the tenant",
    field: "tenant",
  });
  const url =
    grant.type === "refresh_token"
      ? filledUrl(grant.url, { label: "Refresh Token URL", field: "refreshTokenUrl" }, fillings)
      : filledUrl(
          profile.tokenRequestUrl,
          { label: "Token Request URL", field: "tokenRequestUrl" },
          fillings,
        );
  for (const field of fieldsOf("query"))
    url.searchParams.append(field.key, fieldValue("query", field.key, field.secret));

  const headers: Array<[string, string]> = [
    ["Content-Type", "application/x-www-form-urlencoded"],
    ["Accept", "application/json"],
  ];
  const body = new URLSearchParams();
  if (grant.type === "refresh_token") {
    body.append("grant_type", "refresh_token");
    body.append("refresh_token", redact ? REDACTED : grant.refreshToken);
  } else {
    body.append("grant_type", "client_credentials");
  }
  authenticateClient(profile, secrets, { headers, body }, redact);
  const scope = profile.scopes
    .filter((s) => s.key === "scope")
    .map((s) => s.value)
    .filter(Boolean);
  if (scope.length > 0) body.append("scope", scope.join(" "));
  for (const pair of profile.scopes) if (pair.key !== "scope") body.append(pair.key, pair.value);
  for (const field of fieldsOf("payload"))
    body.append(field.key, fieldValue("payload", field.key, field.secret));
  for (const field of fieldsOf("header")) {
    const problem = headerKeyProblem(field.key);
    if (problem)
      throw new RequestBuildError(
        "invalid_profile",
        problem,
        `fields.${profile.fields.indexOf(field)}.key`,
      );
    headers.push([field.key, fieldValue("header", field.key, field.secret)]);
  }

  return { method: "POST", url: url.toString(), headers, body: body.toString() };
}

/**
 * Adds the client's authentication, by the profile's method, to a request to the provider: the
 * token request, and the revocation and introspection requests, which authenticate alike.
 */
export function authenticateClient(
  profile: Pick<RequestProfile, "clientId" | "clientAuthMethod">,
  secrets: Pick<RequestSecrets, "clientSecret" | "clientAssertion">,
  request: { headers: Array<[string, string]>; body: URLSearchParams },
  redact: boolean,
): void {
  const { headers, body } = request;
  if (profile.clientAuthMethod === "client_secret_basic") {
    const credentials = `${formEncode(profile.clientId)}:${formEncode(secrets.clientSecret ?? "")}`;
    headers.push([
      "Authorization",
      redact ? `Basic ${REDACTED}` : `Basic ${Buffer.from(credentials).toString("base64")}`,
    ]);
  } else if (
    profile.clientAuthMethod === "client_secret_jwt" ||
    profile.clientAuthMethod === "private_key_jwt"
  ) {
    // RFC 7523 §2.2; client_id is optional there, and some providers ask for it.
    body.append("client_id", profile.clientId);
    body.append("client_assertion_type", JWT_BEARER_ASSERTION_TYPE);
    body.append("client_assertion", redact ? REDACTED : (secrets.clientAssertion ?? ""));
  } else if (
    profile.clientAuthMethod === "tls_client_auth" ||
    profile.clientAuthMethod === "self_signed_tls_client_auth"
  ) {
    // RFC 8705 §2: the certificate on the TLS connection proves the client; no secret is sent.
    body.append("client_id", profile.clientId);
  } else {
    body.append("client_id", profile.clientId);
    body.append("client_secret", redact ? REDACTED : (secrets.clientSecret ?? ""));
  }
}

/**
 * Every secret value the request carries, as sent: the client secret, secret field values, a
 * refresh token, the Basic credentials, a client assertion. A provider may repeat any of them in its answer.
 */
export function secretsSent(options: {
  profile: RequestProfile;
  secrets: RequestSecrets;
  grant?: Grant;
}): string[] {
  const { profile, secrets, grant } = options;
  const values = profile.fields
    .filter((f) => f.secret)
    .map((f) => secrets.fieldValues.get(fieldValueKey(f.type, f.key)) ?? "");
  if (secrets.clientSecret) {
    values.push(secrets.clientSecret);
    const credentials = `${formEncode(profile.clientId)}:${formEncode(secrets.clientSecret)}`;
    values.push(Buffer.from(credentials).toString("base64"));
  }
  if (secrets.clientAssertion) values.push(secrets.clientAssertion);
  if (grant?.type === "refresh_token") values.push(grant.refreshToken);
  return values.filter((value) => value.length > 0);
}
