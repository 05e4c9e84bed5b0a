const UNTRUSTED =
  "the server's certificate is not issued by a trusted authority; for a provider behind a private CA, add that CA to the profile's CA bundle";

/** What OpenSSL's and Node's TLS error codes mean for someone setting up a profile. */
const MEANINGS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate does not name this host",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    "the server asks for a client certificate (tls_client_auth)",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "the server refused the client certificate",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA:
    "the server does not trust the authority that issued the client certificate",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: "the server says the client certificate has expired",
};

/** A TLS failure in words: the code as OpenSSL gives it, then what it means when known. */
export const tlsFailureMessage = (host: string, code: string) => {
  const meaning = MEANINGS[code];
  return `TLS with ${host} failed (${code})${meaning ? `: ${meaning}` : ""}`;
};

/** A server that closed a mutual TLS connection before answering: most likely a refused certificate. */
export const refusedCertificateMessage = (host: string) =>
  `${host} closed the connection after the TLS handshake without answering: it most likely refused the client certificate (not issued by a CA it trusts, or not the one it expects)`;
