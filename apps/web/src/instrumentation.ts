// Runs once when a server process starts: a bad variable stops `next start` with a message
// naming it, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertWebEnv } = await import("./env.ts");
    assertWebEnv();
  }
}
