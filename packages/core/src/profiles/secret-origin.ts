/**
 * The scheme and host a secret was saved for, placeholders included (`https://{tenant}.x.com`).
 * A stored secret is only ever sent to the origin it was entered for.
 */
export function secretOriginOf(tokenRequestUrl: string): string {
  const match = /^(https?):\/\/([^/?#]*)/i.exec(tokenRequestUrl.trim());
  return match ? `${match[1]?.toLowerCase()}://${match[2]?.toLowerCase()}` : "";
}
