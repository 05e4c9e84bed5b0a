import "server-only";
/**
 * Origins a state-changing request may come from: the configured base URL, plus its twin on
 * the other loopback name, since browsers treat localhost and 127.0.0.1 as different origins.
 */
export function trustedOrigins(baseUrl: string): string[] {
  const base = new URL(baseUrl);
  const origins = [base.origin];
  const twin = { localhost: "127.0.0.1", "127.0.0.1": "localhost" }[base.hostname];
  if (twin) origins.push(`${base.protocol}//${twin}${base.port ? `:${base.port}` : ""}`);
  return origins;
}

export const isTrustedOrigin = (origin: string | null, trusted: readonly string[]) =>
  origin !== null && trusted.includes(origin);
