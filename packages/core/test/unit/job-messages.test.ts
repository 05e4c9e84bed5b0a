import { describe, expect, it } from "vitest";
import { DEFAULT_JOB_OPTIONS, DELIVERIES, isLastDelivery } from "../../src/queue/constants.ts";
import {
  publishEvent,
  publishRunEvent,
  publishTokenEvent,
  runTopic,
  teamTokensTopic,
  tokenTopic,
} from "../../src/queue/events.ts";
import { tokenRefreshPayload, tokenTestPayload } from "../../src/queue/payloads.ts";

const id = (n: number) => `019aee00-0000-7000-8000-00000000000${n}`;

/** Records what would go to Redis: enough to see which channel got which message. */
function recorder() {
  const sent: Array<{ channel: string; message: string }> = [];
  return {
    sent,
    publish: async (channel: string, message: string) => {
      sent.push({ channel, message });
      return 1;
    },
  };
}

describe("job payloads", () => {
  it("carry ids only, and refuse anything else", () => {
    expect(tokenTestPayload.parse({ runId: id(1), teamId: id(2) })).toEqual({
      runId: id(1),
      teamId: id(2),
    });
    expect(tokenTestPayload.safeParse({ runId: "not-a-uuid" }).success).toBe(false);
    expect(tokenTestPayload.safeParse({}).success).toBe(false);
    expect(tokenRefreshPayload.safeParse({ stateId: id(1), lease: "tomorrow" }).success).toBe(
      false,
    );
    expect(tokenRefreshPayload.safeParse({ stateId: id(1), trigger: "test" }).success).toBe(false);
  });

  it("take a refresh's trigger, and accept refreshes queued before it existed", () => {
    expect(tokenRefreshPayload.parse({ stateId: id(1), trigger: "api" }).trigger).toBe("api");
    expect(tokenRefreshPayload.parse({ stateId: id(1) }).trigger).toBeUndefined();
  });
});

describe("deliveries", () => {
  it("are the queue's attempts: eight for a test, one for a refresh, a health check, a console request or a notification (whose retries its row keeps)", () => {
    expect(DEFAULT_JOB_OPTIONS.attempts).toBe(DELIVERIES.tokenTest);
    expect(DELIVERIES).toEqual({
      tokenTest: 8,
      tokenRefresh: 1,
      healthCheck: 1,
      apiCall: 1,
      notificationDeliver: 1,
    });
  });

  it("know their last one", () => {
    expect(isLastDelivery({ attemptsMade: 0, opts: { attempts: 8 } })).toBe(false);
    expect(isLastDelivery({ attemptsMade: 7, opts: { attempts: 8 } })).toBe(true);
    expect(isLastDelivery({ attemptsMade: 0, opts: {} })).toBe(true);
  });
});

describe("events", () => {
  it("go to their channel as the JSON of their schema", async () => {
    const redis = recorder();
    await publishRunEvent(redis, "p", { runId: id(1), status: "running" });
    expect(redis.sent).toEqual([
      {
        channel: `p:events:run:${id(1)}`,
        message: JSON.stringify({ runId: id(1), status: "running" }),
      },
    ]);
  });

  it("of a token reach those waiting for it and its team's dashboards", async () => {
    const redis = recorder();
    const event = { stateId: id(1), teamId: id(2), profileId: id(3), status: "fresh" } as const;
    await publishTokenEvent(redis, "p", event);
    expect(redis.sent.map((s) => s.channel)).toEqual([
      tokenTopic("p", id(1)).channel,
      teamTokensTopic("p", id(2)).channel,
    ]);
    expect(JSON.parse(redis.sent[1]?.message ?? "")).toEqual(event);
  });

  it("are refused before publishing when they break their schema", async () => {
    const redis = recorder();
    const bad = [
      () => publishEvent(redis, runTopic("p", id(1)), { runId: id(1), status: "over" as never }),
      () => publishEvent(redis, runTopic("p", id(1)), { runId: "x", status: "failed" }),
      () =>
        publishEvent(redis, runTopic("p", id(1)), {
          runId: id(1),
          status: "failed",
          secret: "s3cr3t",
        } as never),
      () => publishEvent(redis, teamTokensTopic("p", id(2)), { status: "fresh" } as never),
    ];
    for (const publish of bad) await expect(publish()).rejects.toThrow();
    expect(redis.sent).toEqual([]);
  });

  it("tell a team's dashboards that the scheduler took its tokens, and nothing vaguer", () => {
    const { schema } = teamTokensTopic("p", id(2));
    expect(schema.safeParse({ status: "refreshing" }).success).toBe(true);
    expect(schema.safeParse({ status: "fresh" }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
  });
});
