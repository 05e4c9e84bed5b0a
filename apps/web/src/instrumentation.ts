// Runs once when a server process starts: a bad variable stops `next start` with a message
// naming it, instead of failing on the first request; from then on every request carries the
// address of the socket it came in on, which sign-in throttling needs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertWebEnv } = await import("./env.ts");
    assertWebEnv();
    const { trackPeerAddresses } = await import("./server/client-address.ts");
    trackPeerAddresses();
  }
}
