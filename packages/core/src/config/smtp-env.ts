import { z } from "zod";

const address = z.email();
// "Authdeck <alerts@example.com>" or a bare address; one line, so it cannot add a mail header.
const NAMED_ADDRESS = /^([^<>\r\n]*)<([^<>\s]+)>$/;

// A domain name (letters, digits, hyphens, dots), or "*" for every domain.
const DOMAIN = /^(\*|(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

/**
 * Where email notifications are sent from: the operator's SMTP server (smtp:// or smtps://, the
 * user and password inside), the From address, and the domains they may be sent to. All three
 * unset, email channels cannot be added. Messages never echo SMTP_URL: it holds a password.
 */
export const smtpEnvShape = {
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/\S+$/.test(value) && URL.canParse(value), {
      message:
        "must be an smtp:// or smtps:// URL, for example smtps://user:password@smtp.example.com:465",
    })
    .optional(),
  SMTP_FROM: z
    .string()
    .trim()
    .refine((value) => address.safeParse(NAMED_ADDRESS.exec(value)?.[2] ?? value).success, {
      message: "must be an address, or a name and an address: Authdeck <alerts@example.com>",
    })
    .optional(),
  // Any sign-up owns a team: without this list, anyone could make the operator's server mail
  // strangers. Subdomains of a listed domain are included; "*" allows every domain, knowingly.
  SMTP_RECIPIENT_DOMAINS: z
    .string()
    .transform((value, ctx) => {
      const domains = [...new Set(value.split(",").map((d) => d.trim().toLowerCase()))].filter(
        Boolean,
      );
      const bad = domains.filter((domain) => !DOMAIN.test(domain));
      if (domains.length > 0 && bad.length === 0) return domains;
      ctx.addIssue({
        code: "custom",
        message: `must be a comma-separated list of domains, such as acme.com,acme.io (or * for any domain)${bad.length ? `; not a domain: ${bad.slice(0, 3).join(", ").slice(0, 120)}` : ""}`,
      });
      return z.NEVER;
    })
    .optional(),
};

const SMTP_VARIABLES = ["SMTP_URL", "SMTP_FROM", "SMTP_RECIPIENT_DOMAINS"] as const;

type SmtpEnv = {
  SMTP_URL?: string | undefined;
  SMTP_FROM?: string | undefined;
  SMTP_RECIPIENT_DOMAINS?: readonly string[] | undefined;
};

/** Refuses some of the three variables without the others: part of a setting is a mistake. */
export function requireSmtpSettings(env: SmtpEnv, ctx: z.core.$RefinementCtx) {
  const missing = SMTP_VARIABLES.filter((name) => !env[name]);
  if (missing.length === 0 || missing.length === SMTP_VARIABLES.length) return;
  for (const name of missing)
    ctx.addIssue({
      code: "custom",
      path: [name],
      message:
        "is required when another SMTP variable is set (SMTP_URL, SMTP_FROM and SMTP_RECIPIENT_DOMAINS go together)",
    });
}

/** The SMTP settings deliveries use, or null when email is not set up. */
export const mailSettingsOf = (env: SmtpEnv) =>
  env.SMTP_URL && env.SMTP_FROM && env.SMTP_RECIPIENT_DOMAINS
    ? { url: env.SMTP_URL, from: env.SMTP_FROM, recipientDomains: env.SMTP_RECIPIENT_DOMAINS }
    : null;
