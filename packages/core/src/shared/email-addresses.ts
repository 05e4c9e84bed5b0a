/** The most addresses one email channel sends to: any sign-up owns a team, so this is a cap on
 * how many strangers one account can make Authdeck mail. */
export const MAX_EMAIL_RECIPIENTS = 10;

/**
 * The addresses typed into the "Email addresses" field, comma or newline separated: trimmed,
 * empty entries dropped, and each address kept once (compared without case).
 */
export function splitAddresses(text: string): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const part of text.split(/[,;\r\n]+/)) {
    const address = part.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    addresses.push(address);
  }
  return addresses;
}

/**
 * Whether `address` is at one of `domains` (SMTP_RECIPIENT_DOMAINS) or a subdomain of one; "*"
 * allows every domain. Compared without case, on what follows the last "@".
 */
export function recipientAllowed(address: string, domains: readonly string[]): boolean {
  if (domains.includes("*")) return true;
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/** What the "Email addresses" field says may be typed: "addresses at acme.com or acme.io". */
export const allowedDomainsText = (domains: readonly string[]) =>
  domains.includes("*") ? "any address" : `addresses at ${domains.join(" or ")}`;
