import { z } from "zod";

const address = z.email();
// "Authdeck <alerts@example.com>" or a bare address; one line, so it cannot add a mail header.
const NAMED_ADDRESS = /^([^<>\r\n]*)<([^<>\s]+)>$/;

/**
 * Where email notifications are sent from: the operator's SMTP server (smtp:// or smtps://, the
 * user and password inside) and the From address. Both unset, email channels cannot be added.
 * Messages never echo SMTP_URL: it holds a password.
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
};

type SmtpEnv = { SMTP_URL?: string | undefined; SMTP_FROM?: string | undefined };

/** Refuses one of the two variables without the other: half a setting is a mistake. */
export function requireSmtpPair(env: SmtpEnv, ctx: z.core.$RefinementCtx) {
  if (Boolean(env.SMTP_URL) === Boolean(env.SMTP_FROM)) return;
  ctx.addIssue({
    code: "custom",
    path: [env.SMTP_URL ? "SMTP_FROM" : "SMTP_URL"],
    message: "is required when the other SMTP variable is set (SMTP_URL and SMTP_FROM go together)",
  });
}

/** The SMTP settings deliveries use, or null when email is not set up. */
export const mailSettingsOf = (env: SmtpEnv) =>
  env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null;
