import { startPrivateCluster } from "./private-cluster.ts";

/**
 * Vitest global setup of the integration projects: with AUTHDECK_TEST_REDIS=cluster it starts
 * one private Redis Cluster for the whole run and publishes its nodes to the test files
 * (testRedisTarget reads them); otherwise it does nothing and the tests use REDIS_URL.
 */
export default async function setup() {
  if (process.env.AUTHDECK_TEST_REDIS !== "cluster") return;
  const cluster = await startPrivateCluster();
  process.env.AUTHDECK_TEST_REDIS_CLUSTER_NODES = cluster.nodeList;
  console.log(`Redis Cluster of 3 masters on ${cluster.nodeList}, up in ${cluster.startupMs} ms`);
  return async () => {
    await cluster.close();
  };
}
