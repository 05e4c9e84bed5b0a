/**
 * Sizes of each measurement. The defaults are the issue's; BENCH_QUICK=1 scales them down for a
 * check that the bench works (its figures are not the documented ones).
 */
export type BenchConfig = {
  quick: boolean;
  /** The measurements to run (1-6); BENCH_ONLY=2,4 runs those two. */
  only: Set<number>;
  /** Smaller sizes, fewer measurements or a changed worker: the figures are not the doc's. */
  partial: boolean;
  /** WORKER_CONCURRENCY of the worker under test; unset keeps the product's default. */
  workerConcurrency: number | undefined;
  port: number;
  testRuns: number;
  floorRuns: number;
  /** Profiles of the refresh-at-scale app, which the list measurement then pages through. */
  profiles: number;
  tokenLifetimeSeconds: number;
  lifetimes: number;
  throughput: Array<{ concurrency: number; tests: number }>;
  listClients: number;
  listRequestsPerClient: number;
  /** Direct and proxied GETs of the 1 KiB resource, one at a time, each. */
  proxyLatencyRuns: number;
  proxyConcurrency: number;
  /** Proxied GETs at `proxyConcurrency` for the requests per second. */
  proxyRequests: number;
  /** Calls of each of the proxy's steps timed on their own, one at a time and then at once. */
  proxyStepRuns: number;
};

/** Every measurement, numbered as in the docs' table. */
export const MEASUREMENTS = [1, 2, 3, 4, 5, 6] as const;

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const config = readSizes(env);
  return { ...config, partial: isPartial(config) };
}

/** The sizes: only a run of every measurement at these speaks for the project. */
const FULL = readSizes({});

function isPartial(config: BenchConfig): boolean {
  const sizes = (c: BenchConfig) =>
    JSON.stringify({ ...c, only: [...c.only], partial: false, port: 0 });
  return config.only.size < MEASUREMENTS.length || sizes(config) !== sizes(FULL);
}

function readSizes(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === "1";
  const number = (name: string, full: number, small: number) => {
    const value = env[name] === undefined ? (quick ? small : full) : Number(env[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  const only = new Set(
    (env.BENCH_ONLY ?? MEASUREMENTS.join(",")).split(",").map((n) => Number(n.trim())),
  );
  if ([...only].some((n) => !(MEASUREMENTS as readonly number[]).includes(n))) {
    throw new Error(
      `BENCH_ONLY lists measurements 1 to ${MEASUREMENTS.length}, e.g. BENCH_ONLY=2,4`,
    );
  }
  const workerConcurrency = env.BENCH_WORKER_CONCURRENCY
    ? number("BENCH_WORKER_CONCURRENCY", 10, 10)
    : undefined;
  return {
    quick,
    only,
    partial: false,
    workerConcurrency,
    port: number("BENCH_PORT", 3221, 3221),
    testRuns: number("BENCH_TEST_RUNS", 200, 20),
    floorRuns: number("BENCH_FLOOR_RUNS", 1000, 100),
    profiles: number("BENCH_PROFILES", 100_000, 1_000),
    tokenLifetimeSeconds: number("BENCH_TOKEN_LIFETIME_S", 120, 30),
    lifetimes: number("BENCH_LIFETIMES", 3, 2),
    throughput: [1, 10, 50].map((concurrency) => ({
      concurrency,
      tests: number(`BENCH_THROUGHPUT_TESTS_${concurrency}`, concurrency === 1 ? 300 : 1_500, 100),
    })),
    listClients: number("BENCH_LIST_CLIENTS", 20, 20),
    listRequestsPerClient: number("BENCH_LIST_REQUESTS", 50, 10),
    proxyLatencyRuns: number("BENCH_PROXY_RUNS", 2_000, 200),
    proxyConcurrency: 50,
    proxyRequests: number("BENCH_PROXY_REQUESTS", 10_000, 2_000),
    proxyStepRuns: number("BENCH_PROXY_STEP_RUNS", 1_000, 200),
  };
}
