import { describe, expect, it } from "vitest";
import {
  auditedValue,
  hasValue,
  holdsSecrets,
  lacksSecrets,
  plainValue,
} from "../../src/profiles/secret-fields.ts";

const secret = (valueSealed: string | null) => ({ secret: true, value: null, valueSealed });
const plain = (value: string | null) => ({ secret: false, value, valueSealed: null });

describe("secret field rules", () => {
  it("never give a secret field's value out, whatever is stored", () => {
    expect(plainValue({ secret: true, value: "leaked?", valueSealed: "v1.k1.x" })).toBeNull();
    expect(auditedValue({ secret: true, value: "leaked?" })).toBe("[secret]");
    expect(plainValue(plain("2024"))).toBe("2024");
    expect(plainValue(plain(null))).toBe("");
  });

  it("tell whether a field has a value by what is stored for its kind", () => {
    expect([hasValue(secret("v1.k1.x")), hasValue(secret(null))]).toEqual([true, false]);
    expect([hasValue(plain("a")), hasValue(plain("")), hasValue(plain(null))]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("tell whether a profile holds secrets and whether it lacks any", () => {
    const basic = {
      clientAuthMethod: "client_secret_basic",
      privateKeySealed: null,
      clientCertificateKeySealed: null,
    };
    const none = { ...basic, clientSecretSealed: null, fields: [plain("a")] };
    const fieldOnly = { ...basic, clientSecretSealed: null, fields: [secret("v1.k1.x")] };
    const complete = { ...basic, clientSecretSealed: "v1.k1.y", fields: [secret("v1.k1.x")] };
    const emptyField = { ...basic, clientSecretSealed: "v1.k1.y", fields: [secret(null)] };
    expect([none, fieldOnly, complete, emptyField].map(holdsSecrets)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect([none, fieldOnly, complete, emptyField].map(lacksSecrets)).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });

  it("ask a private_key_jwt profile for its key, not for a client secret", () => {
    const keyOnly = {
      clientAuthMethod: "private_key_jwt",
      clientSecretSealed: null,
      privateKeySealed: "v1.k1.z",
      clientCertificateKeySealed: null,
      fields: [],
    };
    const noKey = { ...keyOnly, privateKeySealed: null, clientSecretSealed: "v1.k1.y" };
    expect([keyOnly, noKey].map(holdsSecrets)).toEqual([true, true]);
    expect([keyOnly, noKey].map(lacksSecrets)).toEqual([false, true]);
  });

  it("ask a certificate profile for its certificate's key, not for a client secret", () => {
    const keyOnly = {
      clientAuthMethod: "tls_client_auth",
      clientSecretSealed: null,
      privateKeySealed: null,
      clientCertificateKeySealed: "v1.k1.c",
      fields: [],
    };
    const noKey = { ...keyOnly, clientCertificateKeySealed: null, clientSecretSealed: "v1.k1.y" };
    const selfSigned = { ...keyOnly, clientAuthMethod: "self_signed_tls_client_auth" };
    expect([keyOnly, noKey, selfSigned].map(holdsSecrets)).toEqual([true, true, true]);
    expect([keyOnly, noKey, selfSigned].map(lacksSecrets)).toEqual([false, true, false]);
  });
});
