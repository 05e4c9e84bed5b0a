import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EnvError, loadEnv } from "../../src/config/load-env.ts";
import { mailSettingsOf, requireSmtpSettings, smtpEnvShape } from "../../src/config/smtp-env.ts";

const schema = z.object(smtpEnvShape).superRefine(requireSmtpSettings);
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
  it("are all three set or none", () => {
    expect(mailSettingsOf(read({}))).toBeNull();
    expect(
      mailSettingsOf(
        read({
          SMTP_URL: "smtps://u:p@smtp.example.com:465",
          SMTP_FROM: "Authdeck <a@example.com>",
          SMTP_RECIPIENT_DOMAINS: " Example.com, example.io ,example.com",
        }),
      ),
    ).toEqual({
      url: "smtps://u:p@smtp.example.com:465",
      from: "Authdeck <a@example.com>",
      recipientDomains: ["example.com", "example.io"],
    });
    const urlOnly = problemOf({ SMTP_URL: "smtp://127.0.0.1:25" });
    expect(urlOnly).toContain("SMTP_FROM: is required");
    expect(urlOnly).toContain("SMTP_RECIPIENT_DOMAINS: is required");
    expect(problemOf({ SMTP_URL: "smtp://127.0.0.1:25", SMTP_FROM: "a@example.com" })).toContain(
      "SMTP_RECIPIENT_DOMAINS: is required",
    );
    expect(problemOf({ SMTP_FROM: "a@example.com" })).toContain("SMTP_URL: is required");
  });

  it("takes recipient domains, or * for any, and refuses what is not a domain", () => {
    const base = { SMTP_URL: "smtp://127.0.0.1:25", SMTP_FROM: "a@example.com" };
    expect(
      mailSettingsOf(read({ ...base, SMTP_RECIPIENT_DOMAINS: "*" }))?.recipientDomains,
    ).toEqual(["*"]);
    for (const bad of ["", " , ", "acme", "@acme.com", "acme.com/x", "10.0.0.1"])
      expect(problemOf({ ...base, SMTP_RECIPIENT_DOMAINS: bad })).toContain(
        "SMTP_RECIPIENT_DOMAINS",
      );
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
