import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  accessTokenHash,
  askedNonce,
  proofClaims,
  proofTarget,
  signProof,
} from "../../src/dpop/proof.ts";

const NOW = new Date("2026-12-07T01:00:00Z");

describe("DPoP proofs (RFC 9449 §4.2)", () => {
  it("htu is the URL without query and fragment; htm the method in capitals", () => {
    expect(proofTarget("https://as.example/token?tenant=a#x")).toBe("https://as.example/token");
    const claims = proofClaims({ method: "post", url: "https://as.example/t?q=1", now: NOW });
    expect(claims).toMatchObject({ htm: "POST", htu: "https://as.example/t", iat: 1796605200 });
    expect(claims.nonce).toBeUndefined();
    expect(claims.ath).toBeUndefined();
  });

  it("ath is base64url(SHA-256(token)): RFC 9449 §7.1's example, computed with node:crypto", () => {
    expect(accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU")).toBe(
      "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
    );
    const claims = proofClaims({
      method: "GET",
      url: "https://api.example/r",
      now: NOW,
      accessToken: "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU",
      nonce: "n-1",
    });
    expect(claims).toMatchObject({
      ath: "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
      nonce: "n-1",
    });
  });

  it("every proof has a new jti", () => {
    const jtis = new Set(
      Array.from(
        { length: 1000 },
        () => proofClaims({ method: "POST", url: "https://a/t", now: NOW }).jti,
      ),
    );
    expect(jtis.size).toBe(1000);
  });

  it("the header is typ dpop+jwt with alg and the public jwk only; the proof verifies with it", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const { d: _d, ...publicJwk } = privateJwk;
    const claims = proofClaims({ method: "POST", url: "https://as.example/token", now: NOW });
    const proof = await signProof(claims, { privateJwk, publicJwk, alg: "ES256" });
    const header = decodeProtectedHeader(proof);
    expect(header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(header.jwk).toEqual(publicJwk);
    expect(JSON.stringify(header)).not.toContain(privateJwk.d);
    const { payload } = await jwtVerify(proof, publicJwk, { currentDate: NOW, typ: "dpop+jwt" });
    expect(payload).toEqual(claims);
  });
});

describe("when to answer a nonce request (RFC 9449 §8, §9)", () => {
  const json = (body: object) => JSON.stringify(body);
  it("a token endpoint's 400 use_dpop_nonce with DPoP-Nonce", () => {
    const headers = { "dpop-nonce": "abc" };
    expect(askedNonce({ status: 400, headers, body: json({ error: "use_dpop_nonce" }) })).toBe(
      "abc",
    );
    expect(
      askedNonce({ status: 400, headers, body: json({ error: "invalid_dpop_proof" }) }),
    ).toBeNull();
    expect(
      askedNonce({ status: 400, headers: {}, body: json({ error: "use_dpop_nonce" }) }),
    ).toBeNull();
    expect(askedNonce({ status: 400, headers, body: "not json" })).toBeNull();
    expect(
      askedNonce({ status: 500, headers, body: json({ error: "use_dpop_nonce" }) }),
    ).toBeNull();
  });

  it("a resource server's 401 with WWW-Authenticate: DPoP error=use_dpop_nonce", () => {
    const asked = (challenge: string) =>
      askedNonce({
        status: 401,
        headers: { "DPoP-Nonce": "n2", "WWW-Authenticate": challenge },
        body: "",
      });
    expect(
      asked('DPoP error="use_dpop_nonce", error_description="Resource server requires nonce"'),
    ).toBe("n2");
    expect(asked('DPoP error="invalid_token"')).toBeNull();
    expect(asked('Bearer error="use_dpop_nonce"')).toBeNull();
  });
});
