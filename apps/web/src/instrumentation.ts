// Runs once when Next starts in the web process (src/main.ts, which has already checked the
// environment): from then on every request carries the address of the socket it came in on,
// which sign-in throttling needs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { trackPeerAddresses } = await import("./server/client-address.ts");
    trackPeerAddresses();
  }
}
