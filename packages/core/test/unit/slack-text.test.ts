import { describe, expect, it } from "vitest";
import { channelPayload, slackEscape, slackText } from "../../src/notifications/payload.ts";

const AT = new Date("2026-12-07T05:00:00Z");
const team = { id: "t1", name: "Acme" };

describe("a Slack message", () => {
  it("shows a provider's error and the names as plain text: no channel ping, no disguised link", () => {
    const payload = channelPayload(
      "profile.refresh.failing",
      AT,
      {
        team,
        app: { id: "a1", name: "<!here> Billing" },
        profile: { id: "p1", name: "Carrier <https://evil.example|Open Authdeck>" },
      },
      {
        class: "oauth_error",
        message: "<!channel> rotate now at <https://evil.example|https://authdeck.corp> & hurry",
      },
    );
    const text = slackText(payload as Record<string, unknown>);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain("&lt;!channel&gt; rotate now at &lt;https://evil.example|");
    expect(text).toContain('in app "&lt;!here&gt; Billing"');
    expect(text).toContain("&amp; hurry");
  });

  it("cuts long values", () => {
    expect(slackEscape("x".repeat(300))).toBe(`${"x".repeat(200)}…`);
    expect(slackEscape("y".repeat(600), 500)).toHaveLength(501);
  });

  it("says which credential expires, when, and which unused key, without a secret", () => {
    const about = {
      team,
      app: { id: "a1", name: "Billing" },
      profile: { id: "p1", name: "Carrier" },
    };
    const expiring = (daysLeft: number, threshold: number) =>
      slackText(
        channelPayload("profile.secret.expiring", AT, about, null, {
          credential: {
            kind: "client_secret",
            expiresAt: "2027-01-05T00:00:00.000Z",
            daysLeft,
            threshold,
          },
        }) as Record<string, unknown>,
      );
    expect(expiring(7, 7)).toBe(
      'Authdeck: client secret expires in 7 days (2027-01-05) for profile "Carrier" in app "Billing".',
    );
    expect(expiring(1, 1)).toContain("client secret expires in 1 day (2027-01-05)");
    expect(expiring(0, 0)).toContain("client secret expired on 2027-01-05");
    const certificate = slackText(
      channelPayload("profile.certificate.expiring", AT, about, null, {
        credential: {
          kind: "client_certificate",
          expiresAt: "2027-02-01T10:00:00.000Z",
          daysLeft: 30,
          threshold: 30,
        },
      }) as Record<string, unknown>,
    );
    expect(certificate).toContain("client certificate expires in 30 days (2027-02-01)");
    const key = {
      id: "k1",
      name: "CI <!channel>",
      prefix: "adk_abc123",
      lastUsedAt: null,
      createdAt: "2026-09-01T08:00:00.000Z",
      apps: [],
    };
    const unused = (lastUsedAt: string | null) =>
      slackText(
        channelPayload("api_key.unused", AT, { team }, null, {
          apiKey: { ...key, lastUsedAt },
        }) as Record<string, unknown>,
      );
    expect(unused(null)).toBe(
      'Authdeck: API key "CI &lt;!channel&gt;" (adk_abc123…) never used since it was made on 2026-09-01.',
    );
    expect(unused("2026-08-01T00:00:00.000Z")).toContain("not used since 2026-08-01");
  });
});
