import { z } from "zod";
import { urlProblem } from "../shared/url-rules.ts";
import { appRef } from "./app.ts";

/** "Fetch metadata": the Issuer URL as typed in the profile dialog. */
export const fetchMetadataInput = appRef.extend({
  issuer: z
    .string()
    .trim()
    .min(1, "Enter the Issuer to fetch its metadata")
    .superRefine((url, ctx) => {
      const problem =
        urlProblem(url, "Issuer") ??
        (/[{}]/.test(url) ? "Issuer must not contain placeholders" : null);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

const names = z.array(z.string()).optional();

/**
 * The parts of an RFC 8414 / OpenID Connect discovery document Authdeck uses; anything else in
 * it is ignored. Endpoints must be absolute http(s) URLs (checked again on use by the egress guard).
 */
export const providerMetadataDocument = z.object({
  issuer: z.string({ message: "The metadata has no issuer" }),
  token_endpoint: z.url({
    protocol: /^https?$/,
    message: "The metadata has no valid token_endpoint",
  }),
  token_endpoint_auth_methods_supported: names,
  dpop_signing_alg_values_supported: names,
  revocation_endpoint: z.url({ protocol: /^https?$/ }).optional(),
  introspection_endpoint: z.url({ protocol: /^https?$/ }).optional(),
});

export const fetchedMetadata = z.object({
  /** Where the document was read. */
  metadataUrl: z.string(),
  issuer: z.string(),
  tokenEndpoint: z.string(),
  /** Empty when the provider lists none. */
  tokenEndpointAuthMethods: z.array(z.string()),
  dpopSigningAlgs: z.array(z.string()),
  revocationEndpoint: z.string().nullable(),
  introspectionEndpoint: z.string().nullable(),
});
export type FetchedMetadata = z.infer<typeof fetchedMetadata>;

/** The metadata, or why none could be used: with the provider's status and body when it answered. */
export const fetchMetadataOutput = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), metadata: fetchedMetadata }),
  z.object({
    ok: z.literal(false),
    problem: z.string(),
    metadataUrl: z.string().nullable(),
    status: z.number().nullable(),
    body: z.string().nullable(),
  }),
]);
export type FetchMetadataResult = z.infer<typeof fetchMetadataOutput>;
