import { describe, expect, it } from "vitest";
import { shownTarget } from "../../src/notifications/channel-secrets.ts";

describe("what the channel list shows of a channel's URL", () => {
  it("is the origin only, for a webhook as for Slack: paths and queries can be credentials", () => {
    expect(
      shownTarget("webhook", "https://hooks.example.com/hooks/catch/123/abc?token=s3cr3t"),
    ).toBe("https://hooks.example.com/…");
    expect(shownTarget("slack", "https://hooks.slack.com/services/T000/B000/XXXX")).toBe(
      "https://hooks.slack.com/…",
    );
    expect(shownTarget("webhook", "https://ops.example.com:8443/")).toBe(
      "https://ops.example.com:8443",
    );
  });
});
