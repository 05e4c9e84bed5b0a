import { describe, expect, it } from "vitest";
import { emailMessage, oneLine } from "../../src/notifications/email-message.ts";
import { channelPayload } from "../../src/notifications/payload.ts";
import { maskSmtpSettings } from "../../src/notifications/send-email.ts";
import {
  allowedDomainsText,
  recipientAllowed,
  splitAddresses,
} from "../../src/shared/email-addresses.ts";

const AT = new Date("2026-12-07T05:00:00Z");
const team = { id: "t1", name: "Acme" };
const about = { team, app: { id: "a1", name: "Billing" }, profile: { id: "p1", name: "Carrier" } };

describe("a notification email", () => {
  it("has the event's words in its subject and every fact in its body", () => {
    const payload = channelPayload("profile.refresh.failing", AT, about, {
      class: "oauth_error",
      message: "invalid_client",
    });
    expect(emailMessage(payload)).toEqual({
      subject: 'Authdeck: token refresh is failing for profile "Carrier"',
      text: [
        'Authdeck: token refresh is failing for profile "Carrier".',
        "",
        "Event: profile.refresh.failing",
        "Time: 2026-12-07T05:00:00.000Z",
        "Team: Acme",
        "App: Billing",
        "Profile: Carrier",
        "Error: oauth_error: invalid_client",
        "Link: /t/t1/apps/a1/profiles/p1",
        "",
      ].join("\n"),
    });
  });

  it("says what a test event is, without a profile", () => {
    const { subject, text } = emailMessage(channelPayload("channel.test", AT, { team }));
    expect(subject).toBe("Authdeck: this is a test event from your notification channel");
    expect(text).not.toContain("Profile:");
    expect(text).not.toContain("Link:");
  });

  it("keeps every value on its line and cuts long ones", () => {
    const payload = channelPayload(
      "profile.refresh.failing",
      AT,
      { ...about, profile: { id: "p1", name: "Carrier\r\nBcc: victim@evil.example" } },
      { class: "oauth_error", message: `denied\nX-Injected: yes ${"x".repeat(900)}` },
    );
    const { subject, text } = emailMessage(payload);
    expect(subject).toBe(
      'Authdeck: token refresh is failing for profile "Carrier Bcc: victim@evil.example"',
    );
    expect(subject).not.toMatch(/[\r\n]/);
    expect(text.split("\n").filter((line) => /^(Bcc|X-Injected):/.test(line))).toEqual([]);
    const error = text.split("\n").find((line) => line.startsWith("Error:"));
    expect(error).toMatch(/x…$/);
    expect(error!.length).toBeLessThan(620);
    expect(oneLine("a\u2028b\u0000c")).toBe("a b c");
  });
});

describe("the Email addresses field", () => {
  it("splits on commas and new lines, trims, drops empties and repeats of any case", () => {
    expect(
      splitAddresses(" a@example.com,b@example.com\n\r\nA@EXAMPLE.COM ;, c@example.com "),
    ).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    expect(splitAddresses(" , \n")).toEqual([]);
  });
});

describe("an SMTP error in the delivery log", () => {
  it("never holds SMTP_URL, its password or its user, in any spelling", () => {
    const url = "smtps://AKIAEXAMPLE42:p%40ss%2Fword-123@smtp.example.com:465";
    const masked = maskSmtpSettings(
      url,
      `535 login AKIAEXAMPLE42 with p@ss/word-123 (p%40ss%2Fword-123) via ${url} failed`,
    );
    for (const hidden of [url, "AKIAEXAMPLE42", "p@ss/word-123", "p%40ss%2Fword-123"])
      expect(masked).not.toContain(hidden);
    expect(masked).toContain("535 login");
  });
});

describe("recipient domains", () => {
  it("allow an address at a listed domain or a subdomain of one, without case; * allows any", () => {
    const domains = ["example.com", "acme.io"];
    expect(recipientAllowed("a@example.com", domains)).toBe(true);
    expect(recipientAllowed("a@EU.Example.COM", domains)).toBe(true);
    expect(recipientAllowed("a@acme.io", domains)).toBe(true);
    expect(recipientAllowed("a@notexample.com", domains)).toBe(false);
    expect(recipientAllowed("a@example.com.evil.io", domains)).toBe(false);
    expect(recipientAllowed('"x@example.com"@evil.io', domains)).toBe(false);
    expect(recipientAllowed("a@evil.io", ["*"])).toBe(true);
    expect(allowedDomainsText(domains)).toBe("addresses at example.com or acme.io");
    expect(allowedDomainsText(["*"])).toBe("any address");
  });
});
