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
});
