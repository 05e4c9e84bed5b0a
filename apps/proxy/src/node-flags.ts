/**
 * The Node flags the proxy process runs with, wherever it is started: scripts/run-product.sh
 * (npm start, the e2e server), the bench and the tests' spawned proxy. A unit test holds
 * run-product.sh to this list.
 *
 * A small young generation (2 MiB semi-spaces instead of V8's 16 to 64): each chunk of a streamed
 * answer is an off-heap buffer that is freed only when the collector finds its small wrapper dead,
 * and with large semi-spaces that took 60 to 75 MiB of passed-on chunks on Node 24 before a
 * collection ran. Scavenges of 2 MiB are short and a proxied call leaves little that survives
 * them (docs/performance.md has the figures).
 */
export const PROXY_NODE_FLAGS = ["--max-semi-space-size=2"] as const;
