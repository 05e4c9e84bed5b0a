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

/** Whether a stored profile holds any secret to carry: its client secret or a secret value. */
export const holdsSecrets = (profile: { clientSecretSealed: string | null; fields: Field[] }) =>
  profile.clientSecretSealed !== null || profile.fields.some((f) => f.secret && hasValue(f));

/** Whether a profile still lacks a secret: no client secret, or a secret field without a value. */
export const lacksSecrets = (profile: { clientSecretSealed: string | null; fields: Field[] }) =>
  profile.clientSecretSealed === null || profile.fields.some((f) => f.secret && !hasValue(f));

/** What an audit event may say about a field's value. */
export const auditedValue = (field: Field) => (field.secret ? "[secret]" : field.value);
