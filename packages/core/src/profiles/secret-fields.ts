import { CERTIFICATE_METHODS } from "../schemas/profile.ts";

/**
 * What a profile's secrets are, written once: its client secret and the values of its secret
 * fields. A secret value never leaves the vault (not to the browser, an export, a copy or the
 * audit trail); only whether it is there does.
 */
type Field = { secret: boolean; value?: string | null; valueSealed?: string | null };

/** A field's value as it may be shown, exported or copied; null for a secret field's. */
export const plainValue = (field: Field): string | null =>
  field.secret ? null : (field.value ?? "");

/** Whether a field has a value: a secret one, a sealed value; a plain one, a non-empty value. */
export const hasValue = (field: Field) =>
  field.secret ? field.valueSealed != null : Boolean(field.value);

type Sealed = {
  clientAuthMethod: string;
  clientSecretSealed: string | null;
  privateKeySealed: string | null;
  clientCertificateKeySealed: string | null;
  fields: Field[];
};

/**
 * Whether a stored profile holds any secret to carry: client secret, private key, certificate
 * key, secret value.
 */
export const holdsSecrets = (profile: Sealed) =>
  profile.clientSecretSealed !== null ||
  profile.privateKeySealed !== null ||
  profile.clientCertificateKeySealed !== null ||
  profile.fields.some((f) => f.secret && hasValue(f));

/** The sealed secret each method proves the client with. */
const provingSecret = (profile: Sealed) => {
  if (profile.clientAuthMethod === "private_key_jwt") return profile.privateKeySealed;
  if (CERTIFICATE_METHODS.has(profile.clientAuthMethod)) return profile.clientCertificateKeySealed;
  return profile.clientSecretSealed;
};

/**
 * Whether a profile still lacks a secret its method needs (private_key_jwt signs with its key,
 * the certificate methods prove the client with the certificate's key: neither needs a client
 * secret), or a secret field lacks a value.
 */
export const lacksSecrets = (profile: Sealed) =>
  provingSecret(profile) === null || profile.fields.some((f) => f.secret && !hasValue(f));

/** What an audit event may say about a field's value. */
export const auditedValue = (field: Field) => (field.secret ? "[secret]" : field.value);
