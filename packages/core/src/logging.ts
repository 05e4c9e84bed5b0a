import pino, { type Logger } from "pino";

export type { Logger };

// Anything that may hold a secret is censored wherever it appears in a log object.
const REDACT_PATHS = [
  "*.clientSecret",
  "*.client_secret",
  "*.password",
  "*.secret",
  "*.accessToken",
  "*.access_token",
  "*.refreshToken",
  "*.refresh_token",
  "*.authorization",
  "*.Authorization",
  "*.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.clientSecretSealed",
  "*.valueSealed",
  "*.accessTokenSealed",
  "*.refreshTokenSealed",
  "clientSecret",
  "password",
  "accessToken",
  "refreshToken",
];

type DatabaseErrorShape = Error & {
  code?: unknown;
  severity?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
};

// Prisma's errors (and pg's, under them) quote the query's arguments, sealed tokens included,
// and the database's own message, which may quote a row's values.
const isDatabaseError = (error: Error): error is DatabaseErrorShape =>
  error.name.startsWith("PrismaClient") ||
  error.name === "DriverAdapterError" ||
  ("severity" in error && typeof (error as DatabaseErrorShape).code === "string");

const chainOf = (error: unknown): Error[] => {
  const chain: Error[] = [];
  for (let e = error; e instanceof Error && !chain.includes(e); e = e.cause) chain.push(e);
  return chain;
};

/**
 * What a log line (or a failed job in Redis) may say about an error: its class and message,
 * except that of a database error only the class and codes are kept, never its message.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const parts = chainOf(error).map((e) => {
    if (!isDatabaseError(e)) return `${e.name}: ${e.message}`;
    const sqlState = e.meta?.driverAdapterError?.cause?.originalCode ?? (e.severity && e.code);
    return [
      e.name,
      typeof e.code === "string" && !e.severity ? e.code : null,
      typeof sqlState === "string" ? `(database error ${sqlState})` : null,
    ]
      .filter(Boolean)
      .join(" ");
  });
  return parts.join("; caused by ");
}

/** The error itself, or one carrying only `describeError` when a database error is in its chain. */
export function withoutDatabaseDetails(error: unknown): unknown {
  return chainOf(error).some(isDatabaseError) ? new Error(describeError(error)) : error;
}

// Errors are logged under `err`: a database error is reduced to its class and codes.
const serializeError = (value: unknown) =>
  chainOf(value).some(isDatabaseError)
    ? { type: (value as Error).name, message: describeError(value) }
    : pino.stdSerializers.err(value as Error);

export function createLogger(options: {
  name: string;
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    options.destination,
  );
}
