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
  "clientSecret",
  "password",
  "accessToken",
  "refreshToken",
];

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
    },
    options.destination,
  );
}
