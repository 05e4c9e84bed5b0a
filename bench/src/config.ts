/**
 * Sizes of each measurement. The defaults are the issue's; BENCH_QUICK=1 scales them down for a
 * check that the bench works (its figures are not the documented ones).
 */
export type BenchConfig = {
  quick: boolean;
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
  const quick = env.BENCH_QUICK === "1";
  const number = (name: string, full: number, small: number) => {
    const value = env[name] === undefined ? (quick ? small : full) : Number(env[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    quick,
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
