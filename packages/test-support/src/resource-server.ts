import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from "jose";
import type { OidcIntrospectionClient } from "./oidc-provider.ts";

/** Where the server looks for the access token: a header with its prefix, or a query parameter. */
export type TokenPlacement = { header: string; prefix: string } | { query: string };

export type ResourceRequestSeen = {
  method: string;
  /** The path as received, percent-encoding untouched. */
  path: string;
  /** Every query parameter, repeated ones in order. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: string;
  /** The placement the token was found in (its header name or query parameter), or null. */
  tokenIn: string | null;
  token: string | null;
  /** What the provider's introspection said of the token; false when there was none. */
  active: boolean;
  /** With `dpop`: why the DPoP proof was refused, or null when it was accepted. */
  dpopProblem: string | null;
  /**
   * How the answer ended: "finished" once the last byte was handed to the socket, "closed" when
   * the connection went away before that, "open" meanwhile.
   */
  answer: "open" | "finished" | "closed";
};

export type ResourceServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: ResourceRequestSeen[];
  close: () => Promise<void>;
};

const BYTES_ROUTE = /^\/bytes\/(\d+)$/;
const CHUNK = Buffer.alloc(64 * 1024, "a");

/**
 * A real API for the tests, on 127.0.0.1: every request must carry an access token that the
 * OAuth server's introspection endpoint (RFC 7662) calls active, asked anew on every request, so
 * a token revoked at the provider is refused at once. It answers 401 with WWW-Authenticate
 * (RFC 6750) otherwise; `/bytes/<n>` streams n bytes; any other path answers 200 with JSON of
 * what it received, except the token itself (`tokenIn` says where it was).
 */
export async function startResourceServer(
  options: OidcIntrospectionClient & {
    placements?: readonly TokenPlacement[];
    /**
     * Ask for DPoP (RFC 9449 §7): the token under `Authorization: DPoP`, and a proof whose
     * signature verifies with the key in its header, for this method, URL and token; with
     * `nonce`, a proof without it is refused with a 401 naming the nonce (§9).
     */
    dpop?: { nonce?: string };
  },
): Promise<ResourceServer> {
  const placements = options.placements ?? [
    { header: "authorization", prefix: options.dpop ? "DPoP" : "Bearer" },
  ];
  const requests: ResourceRequestSeen[] = [];

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      // The provider did not answer the introspection: a real API would fail the same way.
      if (!response.headersSent) response.writeHead(503, { "content-type": "text/plain" });
      response.end(`introspection failed: ${String(error)}`);
    });
  });

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://resource.invalid");
    const body = await readBody(request);
    const found = findToken(request.headers, url.searchParams, placements);
    const proof =
      options.dpop && found ? await checkProof(request, url, found.token, options.dpop) : null;
    let dpopProblem = proof?.problem ?? null;
    const introspected = found && !dpopProblem ? await introspect(options, found.token) : null;
    // RFC 9449 §7.1: the proof's key must be the one the token is bound to (its cnf.jkt).
    if (proof && introspected?.active && introspected.jkt !== proof.jkt)
      dpopProblem = "the proof's key is not the one the token is bound to";
    const active = introspected?.active === true && !dpopProblem;
    const seen: ResourceRequestSeen = {
      method: request.method ?? "",
      path: (request.url ?? "/").split("?")[0] ?? "/",
      query: [...url.searchParams],
      headers: request.headers,
      body,
      tokenIn: found?.placement ?? null,
      token: found?.token ?? null,
      active,
      dpopProblem,
      answer: "open",
    };
    requests.push(seen);
    response.on("close", () => {
      seen.answer = response.writableFinished ? "finished" : "closed";
    });

    if (dpopProblem) {
      const nonce = dpopProblem === "use_dpop_nonce" ? options.dpop?.nonce : undefined;
      response.writeHead(401, {
        "content-type": "application/json",
        "www-authenticate": `DPoP error="${nonce ? "use_dpop_nonce" : "invalid_dpop_proof"}"`,
        ...(nonce ? { "dpop-nonce": nonce } : {}),
      });
      response.end(JSON.stringify({ error: dpopProblem }));
      return;
    }
    if (!active) {
      const error = found ? ', error="invalid_token"' : "";
      response.writeHead(401, {
        "content-type": "application/json",
        "www-authenticate": `Bearer realm="resource"${error}`,
      });
      response.end(JSON.stringify({ error: found ? "invalid_token" : "missing_token" }));
      return;
    }
    const bytes = BYTES_ROUTE.exec(seen.path);
    if (bytes) {
      streamBytes(response, Number(bytes[1]));
      return;
    }
    const { token: _token, ...echo } = seen;
    response.writeHead(200, { "content-type": "application/json" });
    const hide = (value: string) => (found ? value.replaceAll(found.token, "[token]") : value);
    response.end(
      JSON.stringify({
        ...echo,
        query: echo.query.map(([name, value]) => [name, hide(value)]),
        headers: Object.fromEntries(
          Object.entries(echo.headers).map(([name, value]) => [
            name,
            Array.isArray(value) ? value.map(hide) : value && hide(value),
          ]),
        ),
      }),
    );
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function findToken(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  placements: readonly TokenPlacement[],
): { placement: string; token: string } | null {
  for (const placement of placements) {
    if ("query" in placement) {
      const token = query.get(placement.query);
      if (token) return { placement: placement.query, token };
      continue;
    }
    const name = placement.header.toLowerCase();
    const value = headers[name];
    if (typeof value !== "string") continue;
    const prefix = placement.prefix ? `${placement.prefix} ` : "";
    if (!value.toLowerCase().startsWith(prefix.toLowerCase())) continue;
    const token = value.slice(prefix.length);
    if (token) return { placement: name, token };
  }
  return null;
}

/**
 * What is wrong with a request's DPoP proof (null when it proves the token's use here), and the
 * thumbprint of the key it was signed with, for the token's binding to be checked against.
 */
async function checkProof(
  request: IncomingMessage,
  url: URL,
  token: string,
  dpop: { nonce?: string },
): Promise<{ problem: string | null; jkt: string | null }> {
  const proof = request.headers.dpop;
  if (typeof proof !== "string") return { problem: "no DPoP proof", jkt: null };
  let payload: Record<string, unknown>;
  let jkt: string;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", maxTokenAge: "1m" });
    payload = verified.payload;
    jkt = await calculateJwkThumbprint(verified.protectedHeader.jwk ?? {});
  } catch (error) {
    return { problem: `proof does not verify: ${String(error)}`, jkt: null };
  }
  const { port } = request.socket.address() as AddressInfo;
  const htu = `http://127.0.0.1:${port}${url.pathname}`;
  const ath = createHash("sha256").update(token).digest("base64url");
  const problem =
    payload.htm !== request.method
      ? `htm ${String(payload.htm)} is not ${request.method}`
      : payload.htu !== htu
        ? `htu ${String(payload.htu)} is not ${htu}`
        : payload.ath !== ath
          ? "ath is not the token's hash"
          : dpop.nonce && payload.nonce !== dpop.nonce
            ? "use_dpop_nonce"
            : null;
  return { problem, jkt };
}

async function introspect(
  client: OidcIntrospectionClient,
  token: string,
): Promise<{ active: boolean; jkt: string | null }> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
  const response = await fetch(client.introspectionUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams({ token, token_type_hint: "access_token" }),
  });
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}`);
  const answer = (await response.json()) as { active?: unknown; cnf?: { jkt?: unknown } };
  const jkt = typeof answer.cnf?.jkt === "string" ? answer.cnf.jkt : null;
  return { active: answer.active === true, jkt };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Writes `total` bytes as fast as the reader takes them, and no faster. */
function streamBytes(response: ServerResponse, total: number) {
  response.writeHead(200, {
    "content-type": "application/octet-stream",
    "content-length": String(total),
  });
  let left = total;
  const more = () => {
    while (left > 0 && !response.destroyed) {
      const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once("drain", more);
        return;
      }
    }
    if (left === 0) response.end();
  };
  more();
}
