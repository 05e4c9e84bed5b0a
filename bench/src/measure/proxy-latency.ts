import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";
import { type Summary, summarize } from "../stats.ts";

/** The resource both paths fetch: 1 KiB. */
export const RESOURCE_BYTES = 1024;
const RESOURCE = Buffer.alloc(RESOURCE_BYTES, "x");

/**
 * The API behind the proxy, on loopback: every GET answers the same 1 KiB at once, so what the
 * two paths differ by is the proxy alone. It checks nothing, the proxied and the direct call
 * cost it the same.
 */
export async function startResource() {
  let served = 0;
  const server = createServer((_request, response) => {
    served++;
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(RESOURCE_BYTES),
    });
    response.end(RESOURCE);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Target = { pool: Pool; path: string; headers: Record<string, string> };

const target = (url: string, headers: Record<string, string>, connections: number): Target => {
  const parsed = new URL(url);
  return {
    pool: new Pool(parsed.origin, { connections, pipelining: 1 }),
    path: `${parsed.pathname}${parsed.search}`,
    headers,
  };
};

/**
 * One GET; throws unless it is a 200 (of the resource's size, when `bytes` is given), so errors
 * never count as speed.
 */
async function get(t: Target, bytes: number | null = RESOURCE_BYTES): Promise<number> {
  const started = performance.now();
  const response = await t.pool.request({ method: "GET", path: t.path, headers: t.headers });
  const body = Buffer.from(await response.body.arrayBuffer());
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200 || (bytes !== null && body.length !== bytes)) {
    throw new Error(`GET ${t.path}: ${response.statusCode}, ${body.length} bytes`);
  }
  return elapsed;
}

export type ProxyMeasurement = {
  direct: Summary;
  proxied: Summary;
  /** The same proxied GET through the web's route handler (the same core code inside Next.js). */
  route: Summary;
  /**
   * The token API's GET of the same profile's token: the same route handler work as the proxy
   * before it calls the API (the key checked, the rate limit counted, the token read and
   * opened), so proxied minus this is the API call itself, and this is the rest.
   */
  tokenApi: Summary;
  /** Proxied minus direct, percentile by percentile. */
  added: { p50: number; p99: number };
  throughput: { concurrency: number; requests: number; seconds: number; perSecond: number };
};

/**
 * The same 1 KiB resource fetched straight from the API and through the proxy, in one run over
 * keep-alive connections: first one call at a time, alternating direct, proxied and the token
 * API so that all see the same machine, then `concurrency` proxied callers at once for the requests per second.
 */
export async function measureProxy(options: {
  directUrl: string;
  proxiedUrl: string;
  routeUrl: string;
  tokenApiUrl: string;
  apiKey: string;
  latencyRuns: number;
  concurrency: number;
  throughputRequests: number;
}): Promise<ProxyMeasurement> {
  // The direct call carries a header as large as the proxied one's, so only the proxy differs.
  const auth = { authorization: `Bearer ${options.apiKey}` };
  const direct = target(options.directUrl, auth, 1);
  const proxied = target(options.proxiedUrl, auth, options.concurrency);
  const route = target(options.routeUrl, auth, 1);
  const tokenApi = target(options.tokenApiUrl, auth, 1);
  try {
    const samples = {
      direct: [] as number[],
      proxied: [] as number[],
      route: [] as number[],
      tokenApi: [] as number[],
    };
    for (let run = -50; run < options.latencyRuns; run++) {
      const d = await get(direct);
      const p = await get(proxied);
      const r = await get(route);
      const t = await get(tokenApi, null);
      if (run < 0) continue;
      samples.direct.push(d);
      samples.proxied.push(p);
      samples.route.push(r);
      samples.tokenApi.push(t);
    }
    const directSummary = summarize(samples.direct);
    const proxiedSummary = summarize(samples.proxied);

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.throughputRequests) {
          next++;
          await get(proxied);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      direct: directSummary,
      proxied: proxiedSummary,
      route: summarize(samples.route),
      tokenApi: summarize(samples.tokenApi),
      added: {
        p50: proxiedSummary.p50 - directSummary.p50,
        p99: proxiedSummary.p99 - directSummary.p99,
      },
      throughput: {
        concurrency: options.concurrency,
        requests: options.throughputRequests,
        seconds,
        perSecond: options.throughputRequests / seconds,
      },
    };
  } finally {
    await Promise.all([
      direct.pool.close(),
      proxied.pool.close(),
      route.pool.close(),
      tokenApi.pool.close(),
    ]);
  }
}
