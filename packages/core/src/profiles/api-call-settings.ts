import type { TokenPlacement } from "../db/generated/client.ts";

/** A profile's settings for API calls made with its token, as stored and as shown. */
export type ApiCallSettings = {
  apiBaseUrl: string | null;
  tokenPlacement: TokenPlacement;
  tokenParameterName: string;
  tokenPrefix: string;
  authErrorStatusCodes: number[];
};

/**
 * The API call settings of a profile, a saved row or the dialog's values alike: the one mapping
 * saving, reading, duplicating, exporting and auditing share.
 */
export function apiCallSettingsOf(p: {
  apiBaseUrl?: string | null | undefined;
  tokenPlacement: TokenPlacement;
  tokenParameterName: string;
  tokenPrefix: string;
  authErrorStatusCodes: number[];
}): ApiCallSettings {
  return {
    apiBaseUrl: p.apiBaseUrl || null,
    tokenPlacement: p.tokenPlacement,
    tokenParameterName: p.tokenParameterName,
    tokenPrefix: p.tokenPrefix,
    authErrorStatusCodes: p.authErrorStatusCodes,
  };
}
