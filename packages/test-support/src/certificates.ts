// @peculiar/x509's dependency injection needs the Reflect metadata API before it loads; this
// module is its own entry (@authdeck/test-support/certificates) so other tests never load either.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// node:crypto reads X.509 but cannot sign it; @peculiar/x509 signs with WebCrypto.
x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

/** A certificate and its private key, both PEM; `signingKey` signs the certificates it issues. */
export type TestCertificate = {
  cert: string;
  key: string;
  subject: string;
  signingKey: CryptoKey;
};

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

let serial = 1;
const nextSerial = () => (serial++).toString(16).padStart(2, "0");

type Validity = { notBefore?: Date; notAfter?: Date };
const validity = (v: Validity) => ({
  notBefore: v.notBefore ?? new Date(Date.now() - DAY_MS),
  notAfter: v.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
});

/** A certificate authority of the test's own, trusted by nothing but what the test tells. */
export async function makeCertificateAuthority(commonName: string): Promise<TestCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const subject = `CN=${commonName}`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: subject,
    ...validity({}),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });
  return {
    cert: cert.toString("pem"),
    key: await privateKeyPem(keys.privateKey),
    subject,
    signingKey: keys.privateKey,
  };
}

/**
 * A leaf certificate issued by `issuer` (or self-signed without one): a client certificate, or
 * with `hosts` a server certificate for those names and IP addresses.
 */
export async function issueCertificate(
  options: { commonName: string; issuer?: TestCertificate; hosts?: string[] } & Validity,
): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const subject = `CN=${options.commonName}`;
  const usage = options.hosts ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([usage]),
  ];
  if (options.hosts) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        options.hosts.map((host) =>
          /^[\d.]+$/.test(host)
            ? { type: "ip" as const, value: host }
            : { type: "dns" as const, value: host },
        ),
      ),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject,
    issuer: options.issuer?.subject ?? subject,
    ...validity(options),
    publicKey: keys.publicKey,
    signingKey: options.issuer?.signingKey ?? keys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions,
  });
  return {
    cert: cert.toString("pem"),
    key: await privateKeyPem(keys.privateKey),
    subject,
    signingKey: keys.privateKey,
  };
}
