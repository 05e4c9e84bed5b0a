import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { listenOnLoopback } from "./token-server.ts";

/** A call an API server received, as it arrived. */
export type ApiServerCall = {
  method: string;
  path: string;
  /** The raw query string without "?". */
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
};

/**
 * What the API answers a call with. `bodyBytes` streams that many bytes instead of `body`;
 * `hang` never answers (a timeout).
 */
export type ApiAnswer = {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
  bodyBytes?: number;
  hang?: boolean;
};

export type ApiServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every call received, in order. */
  calls: ApiServerCall[];
  /** Connections whose answer the client abandoned before its end. */
  abandoned: () => number;
  /** Changes the answers from now on (the n-th call counted from 1 since the server started). */
  answer: (script: (call: ApiServerCall, n: number) => ApiAnswer) => void;
  close: () => Promise<void>;
};

const CHUNK = Buffer.alloc(64 * 1024, "a");

/**
 * A recording API on loopback for the proxy's tests: by default 200 with the call it received
 * as JSON, otherwise what the test scripts (statuses, headers, huge or endless bodies).
 */
export async function startApiServer(): Promise<ApiServer> {
  const calls: ApiServerCall[] = [];
  let abandoned = 0;
  let script: (call: ApiServerCall, n: number) => ApiAnswer = (call) => ({
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(call),
  });

  const stream = (res: ServerResponse, bytes: number) => {
    let left = bytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) return res.once("drain", pump);
      }
      if (left === 0) res.end();
    };
    res.on("close", () => {
      if (left > 0) abandoned++;
      left = 0;
    });
    pump();
  };

  const { servers, port } = await listenOnLoopback(["127.0.0.1"], (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const [path = "", query = ""] = (req.url ?? "").split(/\?(.*)/s);
      const call: ApiServerCall = {
        method: req.method ?? "",
        path,
        query,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      calls.push(call);
      const answer = script(call, calls.length);
      if (answer.hang) return;
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      if (answer.bodyBytes !== undefined) return stream(res, answer.bodyBytes);
      res.end(answer.body ?? "");
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    abandoned: () => abandoned,
    answer(next) {
      script = next;
    },
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
