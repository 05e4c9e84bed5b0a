import { z } from "zod";

/**
 * The evidence a token test or refresh keeps of its exchange with the provider. The writer
 * (`requestToken`) builds it to these types and the readers parse the stored JSON through these
 * schemas, so a page never trusts a shape it was not promised. Everything in it is already
 * masked when written.
 */

/** The token request as sent, every secret in it replaced by a mask. */
export const sentRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  // Headers may repeat, so they are pairs in the order sent, not a record.
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
});
export type SentRequest = z.infer<typeof sentRequestSchema>;

/** The provider's response headers by lower-case name, values masked and capped. */
export const responseHeadersSchema = z.record(z.string(), z.string());
export type ResponseHeaders = z.infer<typeof responseHeadersSchema>;

/** A JWT's header and claims, decoded for reading only: the signature is not checked. */
export const jwtViewSchema = z.object({
  header: z.record(z.string(), z.json()),
  claims: z.record(z.string(), z.json()),
});
export type JwtView = z.infer<typeof jwtViewSchema>;

/** What a test shows of a token: never the token itself beyond a short prefix. */
export const tokenFactsSchema = z.object({
  tokenType: z.string().nullable(),
  expiresIn: z.number().nullable(),
  grantedScope: z.string().nullable(),
  refreshTokenIssued: z.boolean(),
  jwt: jwtViewSchema.nullable(),
  prefix: z.string(),
  length: z.number().int().nonnegative(),
  fingerprint: z.string(),
});
export type TokenFacts = z.infer<typeof tokenFactsSchema>;

/** The JSON columns of a run, each absent (null) when the run stopped before it. */
export const storedEvidenceSchema = z.object({
  request: sentRequestSchema.nullable(),
  responseHeaders: responseHeadersSchema.nullable(),
  tokenFacts: tokenFactsSchema.nullable(),
});
export type StoredEvidence = z.infer<typeof storedEvidenceSchema>;

const NO_EVIDENCE: StoredEvidence = { request: null, responseHeaders: null, tokenFacts: null };

/**
 * A run's stored evidence, read through the schema. A row whose JSON does not fit (written by an
 * older version, or damaged) yields no evidence and says so, rather than failing the whole read.
 */
export function readEvidence(columns: {
  request: unknown;
  responseHeaders: unknown;
  tokenFacts: unknown;
}): StoredEvidence & { evidenceUnavailable: boolean } {
  const parsed = storedEvidenceSchema.safeParse({
    request: columns.request,
    responseHeaders: columns.responseHeaders,
    tokenFacts: columns.tokenFacts,
  });
  return parsed.success
    ? { ...parsed.data, evidenceUnavailable: false }
    : { ...NO_EVIDENCE, evidenceUnavailable: true };
}
