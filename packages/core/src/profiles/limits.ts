/** The limits of the reference documentation, written once. Lengths count characters (code points). */
export const PROFILE_LIMITS = {
  name: 100,
  identityProviderName: 255,
  clientId: 255,
  clientSecret: 255,
  url: 3000,
  description: 1000,
  scopeKey: 255,
  scopeValue: 1000,
  scopes: 50,
  fieldKey: 255,
  fieldValue: 3000,
  fields: 50,
} as const;

export const characterCount = (value: string) => [...value].length;
