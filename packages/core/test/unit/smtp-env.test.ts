import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EnvError, loadEnv } from "../../src/config/load-env.ts";
import { mailSettingsOf, requireSmtpPair, smtpEnvShape } from "../../src/config/smtp-env.ts";

const schema = z.object(smtpEnvShape).superRefine(requireSmtpPair);
const read = (env: Record<string, string>) => loadEnv(schema, env);
const problemOf = (env: Record<string, string>) => {
  try {
    read(env);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  return null;
};

describe("SMTP settings", () => {
  it("are both set or both unset", () => {
    expect(mailSettingsOf(read({}))).toBeNull();
    expect(
      mailSettingsOf(
        read({
          SMTP_URL: "smtps://u:p@smtp.example.com:465",
          SMTP_FROM: "Authdeck <a@example.com>",
        }),
      ),
    ).toEqual({ url: "smtps://u:p@smtp.example.com:465", from: "Authdeck <a@example.com>" });
    expect(problemOf({ SMTP_URL: "smtp://127.0.0.1:25" })).toContain("SMTP_FROM: is required");
    expect(problemOf({ SMTP_FROM: "a@example.com" })).toContain("SMTP_URL: is required");
  });

  it("refuses another scheme without echoing the URL, and a From that could add a header", () => {
    const problem = problemOf({ SMTP_URL: "http://u:hunter2@x", SMTP_FROM: "a@example.com" });
    expect(problem).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(problem).not.toContain("hunter2");
    expect(
      problemOf({
        SMTP_URL: "smtp://127.0.0.1:25",
        SMTP_FROM: "a@example.com\r\nBcc: b@example.com",
      }),
    ).toContain("SMTP_FROM");
    expect(problemOf({ SMTP_URL: "smtp://127.0.0.1:25", SMTP_FROM: "not an address" })).toContain(
      "SMTP_FROM",
    );
  });
});
