import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { findTeamApp } from "../apps/find-app.ts";
import type { Db } from "../db/client.ts";
import { invalid } from "../errors/app-error.ts";
import { CERTIFICATE_METHODS } from "../schemas/profile.ts";
import { assertCan, type Member } from "../teams/member.ts";

/** What the dialog and the profile page show of a certificate: never more than it says itself. */
export type CertificateSummary = { subject: string; issuer: string; validTo: Date };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, in order; null when one of them does not parse. */
function parseCertificates(pem: string): X509Certificate[] | null {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return null;
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return null;
  }
}

// X509Certificate names each RDN on its own line ("CN=billing\nO=Acme"); one line reads better.
const oneLine = (name: string) => name.split("\n").join(", ");

/** The leaf certificate's subject, issuer and expiry; null when the PEM does not parse. */
export function describeCertificate(pem: string | null): CertificateSummary | null {
  const leaf = pem ? parseCertificates(pem)?.[0] : undefined;
  if (!leaf) return null;
  return {
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    validTo: new Date(leaf.validTo),
  };
}

/**
 * A pasted certificate described for the dialog, before anything is saved: its leaf's subject,
 * issuer and expiry, or a field error when it does not parse. Reads nothing of the team's but
 * its app, so another team's member learns nothing.
 */
export async function describePastedCertificate(
  deps: { db: Db },
  member: Member,
  input: { appId: string; certificate: string },
): Promise<CertificateSummary> {
  assertCan(member, "profile.read");
  await findTeamApp(deps.db, member, input.appId);
  const summary = describeCertificate(input.certificate.trim());
  if (!summary)
    throw invalid({
      clientCertificate:
        "Not a certificate: paste the PEM certificate (-----BEGIN CERTIFICATE-----)",
    });
  return summary;
}

/** A CA bundle: at least one certificate, every one of them readable. Field error otherwise. */
export function checkCaBundle(pem: string): string {
  if (!parseCertificates(pem))
    throw invalid({ caBundle: "Not a CA bundle: paste one or more PEM certificates" });
  return pem;
}

function readKey(pem: string): KeyObject {
  if (/ENCRYPTED/.test(pem))
    throw invalid({
      clientCertificateKey: "This key is encrypted: paste it without a passphrase",
    });
  try {
    return createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw invalid({ clientCertificateKey: "Not a private key: paste a PEM private key" });
  }
}

/** The seal context of a profile's certificate key: bound to its row and column. */
export const certificateKeyContext = (rowId: string) => ({
  table: "authorization_profile",
  rowId,
  column: "client_certificate_key_sealed",
});

type StoredCertificate = {
  clientCertificate: string | null;
  clientCertificateKeySealed: string | null;
  caBundle: string | null;
};

/** What the audit trail says of a CA bundle change; nothing when it stayed. */
const caBundleChange = (before: string | null, after: string | null) =>
  before === after
    ? {}
    : { caBundle: after === null ? "[removed]" : before === null ? "[set]" : "[replaced]" };

/**
 * The certificate columns a save writes, and what the audit trail says of them. For a
 * certificate method the certificate must parse, be valid now and match its key (the pasted one,
 * or else the stored one); each problem is a field error and nothing is saved. Other methods
 * leave a stored certificate and key as they are (unused). The CA bundle is any method's.
 */
export function certificateColumns(options: {
  profile: {
    clientAuthMethod: string;
    clientCertificate?: string | undefined;
    clientCertificateKey?: string | undefined;
    caBundle?: string | undefined;
  };
  existing: StoredCertificate | null;
  seal: (keyPem: string) => string;
  open: (sealed: string) => string;
  now: Date;
}) {
  const { profile, existing } = options;
  const caBundle = profile.caBundle ? checkCaBundle(profile.caBundle) : null;
  const kept = {
    clientCertificate: existing?.clientCertificate ?? null,
    clientCertificateKeySealed: existing?.clientCertificateKeySealed ?? null,
  };
  const bundleChange = caBundleChange(existing?.caBundle ?? null, caBundle);
  if (!CERTIFICATE_METHODS.has(profile.clientAuthMethod) || !profile.clientCertificate)
    return { columns: { ...kept, caBundle }, change: bundleChange };
  const chain = parseCertificates(profile.clientCertificate);
  const leaf = chain?.[0];
  if (!leaf)
    throw invalid({
      clientCertificate:
        "Not a certificate: paste the PEM certificate (-----BEGIN CERTIFICATE-----)",
    });
  if (new Date(leaf.validTo) <= options.now)
    throw invalid({
      clientCertificate: `This certificate expired on ${new Date(leaf.validTo).toISOString()}`,
    });
  if (new Date(leaf.validFrom) > options.now)
    throw invalid({
      clientCertificate: `This certificate is not valid before ${new Date(leaf.validFrom).toISOString()}`,
    });
  const pasted = profile.clientCertificateKey;
  if (!pasted && !kept.clientCertificateKeySealed)
    throw invalid({ clientCertificateKey: "Paste the certificate's private key (PEM)" });
  const key = readKey(pasted ?? options.open(kept.clientCertificateKeySealed ?? ""));
  if (!leaf.checkPrivateKey(key))
    throw invalid({
      clientCertificateKey: pasted
        ? "This key does not match the certificate"
        : "The saved key does not match this certificate: paste the certificate's key",
    });
  const certificateChanged = profile.clientCertificate !== kept.clientCertificate;
  return {
    columns: {
      clientCertificate: profile.clientCertificate,
      clientCertificateKeySealed: pasted
        ? options.seal(key.export({ format: "pem", type: "pkcs8" }).toString())
        : kept.clientCertificateKeySealed,
      caBundle,
    },
    change: {
      ...bundleChange,
      ...(certificateChanged ? { clientCertificate: oneLine(leaf.subject) } : {}),
      ...(pasted ? { clientCertificateKey: "[uploaded]" } : {}),
    },
  };
}
