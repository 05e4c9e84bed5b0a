import { CERTIFICATE_METHODS, FIELD_TYPE_LABELS } from "@authdeck/core/client";
import { Lock } from "lucide-react";
import type { ReactNode } from "react";
import { RelativeTime } from "../ui/relative-time.tsx";
import { JwksUrl } from "./assertion-fields.tsx";
import {
  ASSERTION_AUDIENCE_LABELS,
  AUTH_METHOD_LABELS,
  TOKEN_PLACEMENT_LABELS,
  TYPE_LABELS,
  tokenPlacementExample,
} from "./labels.ts";
import type { StoredProfile } from "./profile-form-values.ts";

const muted = (text: string) => <span className="text-muted">{text}</span>;

/** Where API calls carry the token and when they get a new one: only with an API Base URL. */
const apiCallRows = (profile: StoredProfile): Array<[string, ReactNode]> =>
  profile.apiBaseUrl
    ? [
        [
          "Token placement",
          <span key="placement">
            {TOKEN_PLACEMENT_LABELS[profile.tokenPlacement]}{" "}
            <span className="font-mono text-xs break-all">{tokenPlacementExample(profile)}</span>
          </span>,
        ],
        ["Auth Error Status Code", profile.authErrorStatusCodes.join(", ")],
      ]
    : [];

/** A JWT method's assertion settings; for private_key_jwt the key's kid and the JWKS URL. */
function assertionRows(profile: StoredProfile): Array<[string, ReactNode]> {
  if (
    profile.clientAuthMethod !== "client_secret_jwt" &&
    profile.clientAuthMethod !== "private_key_jwt"
  )
    return [];
  const rows: Array<[string, ReactNode]> = [
    [
      "Assertion audience",
      profile.assertionAudience === "issuer"
        ? `${ASSERTION_AUDIENCE_LABELS.issuer} (${profile.issuer})`
        : ASSERTION_AUDIENCE_LABELS.token_endpoint,
    ],
    ["Assertion lifetime", `${profile.assertionLifetimeSeconds} s`],
  ];
  if (profile.clientAuthMethod !== "private_key_jwt") return rows;
  rows.push([
    "Private key",
    profile.hasPrivateKey ? (
      <span className="inline-flex items-center gap-1">
        <Lock className="size-3.5" aria-hidden />
        Saved, {profile.signingAlgorithm}, kid{" "}
        <span className="font-mono text-xs break-all">{profile.keyId}</span>
      </span>
    ) : (
      muted("Not set: save the profile to generate one")
    ),
  ]);
  if (profile.jwksId) rows.push(["JWKS URL", <JwksUrl key="jwks" jwksId={profile.jwksId} />]);
  return rows;
}

/** A certificate method's certificate as it describes itself, and whether its key is stored. */
function certificateRows(profile: StoredProfile): Array<[string, ReactNode]> {
  if (!CERTIFICATE_METHODS.has(profile.clientAuthMethod)) return [];
  const { certificate } = profile;
  return [
    [
      "Client certificate",
      certificate ? (
        <span className="grid gap-0.5 text-xs">
          <span className="break-all">Subject: {certificate.subject}</span>
          <span className="break-all">Issuer: {certificate.issuer}</span>
          <span>
            Expires:{" "}
            <time dateTime={certificate.validTo.toISOString()}>
              {certificate.validTo.toUTCString()}
            </time>
          </span>
        </span>
      ) : (
        muted("Not set")
      ),
    ],
    [
      "Certificate private key",
      profile.hasCertificateKey ? (
        <span className="inline-flex items-center gap-1">
          <Lock className="size-3.5" aria-hidden />
          Stored
        </span>
      ) : (
        muted("Not set")
      ),
    ],
  ];
}

/** What "Fetch metadata" saved of the provider: the endpoints Revoke and Inspect use. */
function providerRows(profile: StoredProfile): Array<[string, ReactNode]> {
  const url = (text: string) => <span className="font-mono text-xs break-all">{text}</span>;
  const rows: Array<[string, ReactNode]> = [];
  if (profile.revocationEndpoint)
    rows.push(["Revocation endpoint", url(profile.revocationEndpoint)]);
  if (profile.introspectionEndpoint)
    rows.push(["Introspection endpoint", url(profile.introspectionEndpoint)]);
  return rows;
}

const caBundleRows = (profile: StoredProfile): Array<[string, ReactNode]> =>
  profile.caBundle ? [["CA bundle", "Set: trusted instead of the system's CAs"]] : [];

/** The profile's settings as the dialog names them; secrets only as "Saved". */
export function ProfileSummary({ profile }: { profile: StoredProfile }) {
  const rows: Array<[string, ReactNode]> = [
    ["Authorization Type", TYPE_LABELS[profile.type] ?? profile.type],
    ["Identity Provider Name", profile.identityProviderName],
    ["Client ID", profile.clientId || muted("Not set")],
    [
      "Client Secret Key",
      profile.hasClientSecret ? (
        <span className="inline-flex items-center gap-1">
          <Lock className="size-3.5" aria-hidden />
          Saved
        </span>
      ) : (
        muted("Not set")
      ),
    ],
    ["Client authentication", AUTH_METHOD_LABELS[profile.clientAuthMethod]],
    ...assertionRows(profile),
    ...certificateRows(profile),
    [
      "Token Request URL",
      <span className="font-mono text-xs break-all">{profile.tokenRequestUrl}</span>,
    ],
    [
      "Refresh Token URL",
      profile.refreshTokenUrl ? (
        <span className="font-mono text-xs break-all">{profile.refreshTokenUrl}</span>
      ) : (
        muted("None: new tokens come from the Token Request URL")
      ),
    ],
    ...providerRows(profile),
    ...caBundleRows(profile),
    ["Tenancy", profile.tenancyEnabled ? "On" : "Off"],
    [
      "Scope",
      profile.scopes.length === 0
        ? muted("None")
        : profile.scopes.map((pair) => (
            <div key={`${pair.key}=${pair.value}`} className="font-mono text-xs">
              {pair.key} = {pair.value}
            </div>
          )),
    ],
    [
      "Authorization Fields",
      profile.fields.length === 0
        ? muted("None")
        : profile.fields.map((field) => (
            <div key={`${field.type}:${field.key}`} className="text-xs">
              <span className="text-muted">{FIELD_TYPE_LABELS[field.type]}</span>{" "}
              <span className="font-mono">{field.key}</span> ={" "}
              {field.secret
                ? field.hasValue
                  ? "secret (saved)"
                  : "secret (not set)"
                : field.value}
            </div>
          )),
    ],
    ["Description", profile.description || muted("None")],
    [
      "API Base URL",
      profile.apiBaseUrl ? (
        <span className="font-mono text-xs break-all">{profile.apiBaseUrl}</span>
      ) : (
        muted("None: this profile makes no API calls")
      ),
    ],
    ...apiCallRows(profile),
    ["Updated", <RelativeTime key="updated" at={profile.updatedAt} />],
  ];
  return (
    <dl className="grid gap-x-8 gap-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900">
      {rows.map(([term, value]) => (
        <div key={term} className="grid gap-0.5">
          <dt className="text-xs font-medium text-muted">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
