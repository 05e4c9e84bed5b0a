import type { Sealer } from "../crypto/sealer.ts";
import type { TlsOptions } from "../http/egress-guard.ts";
import { certificateKeyContext, describeCertificate } from "../profiles/client-certificate.ts";
import { CERTIFICATE_METHODS } from "../schemas/profile.ts";

/** Why a profile's TLS settings cannot be used, before anything is sent. */
export class ClientTlsProblem extends Error {
  override name = "ClientTlsProblem";
  constructor(
    readonly errorClass: "secret_unavailable" | "certificate_expired",
    message: string,
  ) {
    super(message);
  }
}

/**
 * What the token request's TLS connection uses of the profile: its CA bundle as the only trusted
 * roots, and for the RFC 8705 methods the client certificate with its key, opened here at the
 * moment of use. A certificate that expired since it was saved is refused here with its date
 * rather than sent for the provider to refuse with a bare handshake alert.
 */
export function clientTlsOf(
  sealer: Sealer,
  profile: {
    id: string;
    clientAuthMethod: string;
    clientCertificate: string | null;
    clientCertificateKeySealed: string | null;
    caBundle: string | null;
  },
  now: Date,
): TlsOptions {
  const ca = profile.caBundle ? { ca: profile.caBundle } : {};
  if (!CERTIFICATE_METHODS.has(profile.clientAuthMethod)) return ca;
  const summary = describeCertificate(profile.clientCertificate);
  if (!profile.clientCertificate || !summary || !profile.clientCertificateKeySealed) {
    throw new ClientTlsProblem(
      "secret_unavailable",
      "This profile has no client certificate and key: paste them and save",
    );
  }
  if (summary.validTo <= now) {
    throw new ClientTlsProblem(
      "certificate_expired",
      `The client certificate (${summary.subject}) expired on ${summary.validTo.toISOString()}: paste a current certificate and its key`,
    );
  }
  const key = sealer.open(profile.clientCertificateKeySealed, certificateKeyContext(profile.id));
  return { ...ca, cert: profile.clientCertificate, key };
}
