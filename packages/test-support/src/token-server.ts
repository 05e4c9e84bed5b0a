import { randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the server does, chosen by the first segment of the request path, so one server can
 * play every provider at once: `/ok/token`, `/hang/{region}/token`...
 */
export const TOKEN_SERVER_BEHAVIOURS = [
  /** JSON with expires_in and Cache-Control: no-store, as RFC 6749 §5.1 asks. */
  "ok",
  /** The same answer form-encoded. */
  "form",
  /** JSON without expires_in. */
  "no-expires-in",
  /** 500 for the first `failures` requests, then ok. */
  "fail-then-succeed",
  /** 429 with Retry-After for the first `failures` requests, then ok. */
  "rate-limited",
  /** Never sends a status line. */
  "hang",
  /** The ok answer, `delayMs` after the request arrived. */
  "slow",
  /** 400 whose body and headers repeat what was sent, as some debugging endpoints do. */
  "echo",
  /** Sends the headers and part of the body, then nothing more. */
  "stall",
  /** A 200 whose body is `hugeBodyBytes` long. */
  "huge-body",
  /** 302 to `redirectTo`. */
  "redirect",
  /** Whatever `script` makes of the request: a provider written by the test. */
  "scripted",
  /** The ok answer a byte every `dripMs` (1 s by default), as a provider holding a slot would. */
  "drip",
] as const;

export type TokenServerBehaviour = (typeof TOKEN_SERVER_BEHAVIOURS)[number];

export type RecordedRequest = {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The address the request was received on: 127.0.0.1 or ::1. */
  localAddress: string;
  /** When its first byte arrived (Date.now()), for counting requests over time. */
  receivedAt: number;
};

/** An answer a test writes itself; header values given as a list are sent as repeated headers. */
export type ScriptedAnswer = {
  status: number;
  headers?: Record<string, string | string[]>;
  body: string;
};

export type TokenServerOptions = {
  /** 127.0.0.1 always; add "::1" to also listen there, on the same port. */
  hosts?: ReadonlyArray<"127.0.0.1" | "::1">;
  accessToken?: string;
  expiresIn?: number;
  failures?: number;
  retryAfter?: string;
  hugeBodyBytes?: number;
  redirectTo?: string;
  delayMs?: number;
  script?: (request: RecordedRequest) => ScriptedAnswer;
  dripMs?: number;
};

export type TokenServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  accessToken: string;
  /** The URL of a behaviour, with an optional rest of path: urlFor("ok", "/{region}/token"). */
  urlFor: (behaviour: TokenServerBehaviour, rest?: string) => string;
  /** Every request received, whatever its path, in order. */
  requests: RecordedRequest[];
  close: () => Promise<void>;
};

/** A recording token endpoint on loopback with misbehaviours on demand, for tests only. */
export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const accessToken = options.accessToken ?? `tok_${randomBytes(16).toString("hex")}`;
  const expiresIn = options.expiresIn ?? 3600;
  const failures = options.failures ?? 1;
  const requests: RecordedRequest[] = [];
  const served = new Map<TokenServerBehaviour, number>();

  const tokenAnswer = (withExpiry: boolean) => ({
    access_token: accessToken,
    token_type: "Bearer",
    ...(withExpiry ? { expires_in: expiresIn } : {}),
  });
  const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      Pragma: "no-cache",
      ...headers,
    });
    res.end(JSON.stringify(body));
  };

  const respond = (
    behaviour: TokenServerBehaviour | undefined,
    res: ServerResponse,
    received: RecordedRequest,
  ) => {
    const count = behaviour ? (served.get(behaviour) ?? 0) + 1 : 0;
    if (behaviour) served.set(behaviour, count);
    switch (behaviour) {
      case "ok":
        return json(res, 200, tokenAnswer(true));
      case "form":
        res.writeHead(200, {
          "Content-Type": "application/x-www-form-urlencoded",
          "Cache-Control": "no-store",
        });
        return res.end(
          new URLSearchParams({
            access_token: accessToken,
            token_type: "bearer",
            expires_in: String(expiresIn),
          }).toString(),
        );
      case "no-expires-in":
        return json(res, 200, tokenAnswer(false));
      case "fail-then-succeed":
        return count <= failures
          ? json(res, 500, { error: "server_error", error_description: "try again" })
          : json(res, 200, tokenAnswer(true));
      case "rate-limited":
        return count <= failures
          ? json(res, 429, { error: "slow_down" }, { "Retry-After": options.retryAfter ?? "2" })
          : json(res, 200, tokenAnswer(true));
      case "hang":
        return;
      case "echo":
        return json(
          res,
          400,
          { error: "invalid_request", error_description: `Received ${received.body}`, received },
          { "X-Received-Authorization": received.headers.authorization ?? "" },
        );
      case "slow": {
        const timer = setTimeout(() => json(res, 200, tokenAnswer(true)), options.delayMs ?? 2_000);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "stall":
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.write('{"access_token":"');
      case "huge-body":
        return sendHugeBody(res, options.hugeBodyBytes ?? 10 * 1024 * 1024);
      case "drip":
        return drip(res, JSON.stringify(tokenAnswer(true)), options.dripMs ?? 1_000);
      case "redirect":
        res.writeHead(302, { Location: options.redirectTo ?? "/ok/token" });
        return res.end();
      case "scripted": {
        const answer = options.script?.(received) ?? { status: 500, body: "no script" };
        res.writeHead(answer.status, answer.headers ?? {});
        return res.end(answer.body);
      }
      default:
        return json(res, 404, { error: "not_found" });
    }
  };

  const handle: Parameters<typeof createServer>[1] = (req, res) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        localAddress: req.socket.localAddress ?? "",
        receivedAt,
      };
      requests.push(received);
      const first = new URL(req.url ?? "/", "http://x").pathname.split("/")[1] ?? "";
      const behaviour = TOKEN_SERVER_BEHAVIOURS.find((b) => b === first);
      respond(behaviour, res, received);
    });
  };

  const { servers, port } = await listenOnLoopback(options.hosts ?? ["127.0.0.1"], handle);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    accessToken,
    urlFor: (behaviour, rest = "/token") => `${url}/${behaviour}${rest}`,
    requests,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function sendHugeBody(res: ServerResponse, bytes: number) {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(bytes) });
  const chunk = Buffer.alloc(64 * 1024, "a");
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return res.once("drain", pump);
    }
    if (left === 0) res.end();
  };
  res.on("close", () => {
    left = 0;
  });
  pump();
}

function drip(res: ServerResponse, body: string, everyMs: number) {
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body.slice(sent, sent + 1));
    if (++sent === body.length) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on("close", () => clearInterval(timer));
}

// Every host on one port, so a URL differs only in its host; tried again if the port is taken.
// Shared with the API server (api-server.ts).
export async function listenOnLoopback(
  hosts: readonly string[],
  handle: Parameters<typeof createServer>[1],
): Promise<{ servers: Server[]; port: number }> {
  const listen = (server: Server, host: string, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  const all = ["127.0.0.1", ...hosts.filter((h) => h !== "127.0.0.1")];
  for (let tries = 0; ; tries++) {
    const servers: Server[] = [];
    try {
      let port = 0;
      for (const host of all) {
        const server = createServer(handle);
        servers.push(server);
        await listen(server, host, port);
        port = (server.address() as AddressInfo).port;
      }
      return { servers, port };
    } catch (error) {
      for (const server of servers) server.close();
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || tries >= 10) throw error;
    }
  }
}
