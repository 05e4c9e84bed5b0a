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
  tokenParameterName: 255,
  tokenPrefix: 50,
  authErrorStatusCodes: 10,
} as const;

export const characterCount = (value: string) => [...value].length;

/**
 * Tenants are named by whoever asks (a Test, an API key holder), and each new one is a token
 * state that is refreshed and a request to the provider: a profile keeps at most `perProfile`,
 * and the worker removes those nobody asked for in `unusedDays`.
 */
export const TENANT_LIMITS = {
  perProfile: 100,
  unusedDays: 30,
} as const;

/**
 * How many profiles an app and a team may hold: far above what a team keeps by hand, low
 * enough that one team cannot fill a deployment (an import once brought 1,000 at a time).
 */
export const PROFILE_COUNT_LIMITS = { perApp: 500, perTeam: 2_000 } as const;

/**
 * The profile list counts at most `countCap` matches (or as many as the pages up to the one
 * asked for hold, if more): past it the total reads "more than 1,000", as an exact count reads
 * every match. A search shorter than `anywhereMin` characters matches the start of a name or
 * identity provider through an index; trigram indexes serve only three characters or more, so a
 * shorter search anywhere in the text would read every profile of the app.
 */
export const PROFILE_LIST = { countCap: 1_000, anywhereMin: 3 } as const;
