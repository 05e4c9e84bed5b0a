/**
 * Sizes of each measurement. The defaults are the issue's; BENCH_QUICK=1 scales them down for a
 * check that the bench works (its figures are not the documented ones).
 */
export type BenchConfig = {
  quick: boolean;
  /** The measurements to run (1-5); BENCH_ONLY=2,4 runs those two. */
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
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const config = readSizes(env);
  return { ...config, partial: isPartial(config) };
}

/** The sizes: only a run of every measurement at these speaks for the project. */
const FULL = readSizes({});

function isPartial(config: BenchConfig): boolean {
  const sizes = (c: BenchConfig) =>
    JSON.stringify({ ...c, only: [...c.only], partial: false, port: 0 });
  return config.only.size < 5 || sizes(config) !== sizes(FULL);
}

function readSizes(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === "1";
  const number = (name: string, full: number, small: number) => {
    const value = env[name] === undefined ? (quick ? small : full) : Number(env[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  const only = new Set((env.BENCH_ONLY ?? "1,2,3,4,5").split(",").map((n) => Number(n.trim())));
  if ([...only].some((n) => !Number.isInteger(n) || n < 1 || n > 5)) {
    throw new Error("BENCH_ONLY lists measurements 1 to 5, e.g. BENCH_ONLY=2,4");
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
    profiles: number("BENCH_PROFILES", 10_000, 1_000),
    tokenLifetimeSeconds: number("BENCH_TOKEN_LIFETIME_S", 120, 30),
    lifetimes: number("BENCH_LIFETIMES", 3, 2),
    throughput: [1, 10, 50].map((concurrency) => ({
      concurrency,
      tests: number(`BENCH_THROUGHPUT_TESTS_${concurrency}`, concurrency === 1 ? 300 : 1_500, 100),
    })),
    listClients: number("BENCH_LIST_CLIENTS", 20, 20),
    listRequestsPerClient: number("BENCH_LIST_REQUESTS", 50, 10),
  };
}
