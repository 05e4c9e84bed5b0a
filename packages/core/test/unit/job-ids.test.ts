import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apiCallJobId,
  deliveryJobId,
  formatJobId,
  healthCheckJobId,
  type JobId,
  parseJobId,
  refreshNowJobId,
  scheduledRefreshJobId,
  testJobId,
} from "../../src/queue/job-ids.ts";

const stateId = "019aee00-0000-7000-8000-000000000001";
const runId = "019aee00-0000-7000-8000-000000000002";
const at = new Date("2026-12-06T07:00:00.123Z");

describe("job ids", () => {
  it("keep the formats queued jobs already carry", () => {
    expect(testJobId(runId)).toBe(runId);
    expect(scheduledRefreshJobId({ stateId, lease: at })).toBe(
      `refresh:${stateId}:${at.getTime()}`,
    );
    expect(refreshNowJobId({ id: stateId, updatedAt: at })).toBe(
      `refresh-now:${stateId}:${at.getTime()}`,
    );
    expect(healthCheckJobId({ checkId: stateId, lease: at })).toBe(
      `health:${stateId}:${at.getTime()}`,
    );
    // No colon: BullMQ refuses a custom id with one unless it has exactly three parts.
    expect(apiCallJobId(runId)).toBe(`call-${runId}`);
    expect(deliveryJobId({ deliveryId: stateId, lease: at })).toBe(
      `notify:${stateId}:${at.getTime()}`,
    );
  });

  it("read back every id they write", () => {
    const ids = fc.oneof(
      fc.record({ kind: fc.constant("test" as const), runId: fc.uuid() }),
      fc.record({
        kind: fc.constant("scheduled-refresh" as const),
        stateId: fc.uuid(),
        lease: fc.date({ min: new Date(0), max: new Date("2200-01-01"), noInvalidDate: true }),
      }),
      fc.record({
        kind: fc.constant("refresh-now" as const),
        stateId: fc.uuid(),
        updatedAt: fc.date({ min: new Date(0), max: new Date("2200-01-01"), noInvalidDate: true }),
      }),
      fc.record({
        kind: fc.constant("health-check" as const),
        checkId: fc.uuid(),
        lease: fc.date({ min: new Date(0), max: new Date("2200-01-01"), noInvalidDate: true }),
      }),
      fc.record({ kind: fc.constant("api-call" as const), callId: fc.uuid() }),
      fc.record({
        kind: fc.constant("delivery" as const),
        deliveryId: fc.uuid(),
        lease: fc.date({ min: new Date(0), max: new Date("2200-01-01"), noInvalidDate: true }),
      }),
    );
    fc.assert(
      fc.property(ids, (id: JobId) => {
        expect(parseJobId(formatJobId(id))).toEqual(id);
      }),
    );
  });

  it("name one job per on-demand row version, and one per scheduler claim", () => {
    const later = new Date(at.getTime() + 1);
    expect(refreshNowJobId({ id: stateId, updatedAt: at })).toBe(
      refreshNowJobId({ id: stateId, updatedAt: new Date(at) }),
    );
    expect(refreshNowJobId({ id: stateId, updatedAt: at })).not.toBe(
      refreshNowJobId({ id: stateId, updatedAt: later }),
    );
    expect(scheduledRefreshJobId({ stateId, lease: at })).not.toBe(
      refreshNowJobId({ id: stateId, updatedAt: at }),
    );
  });

  it.each([
    "",
    "not-a-run",
    `refresh:${stateId}`,
    `refresh:not-a-uuid:1`,
    `refresh:${stateId}:soon`,
    `refresh-later:${stateId}:1`,
    `refresh-now:${stateId}:1:2`,
    `health:${stateId}`,
    `health:not-a-uuid:1`,
    "call-not-a-uuid",
    `call:${runId}`,
    `${runId}:1`,
  ])("refuse an id no producer makes: %j", (text) => {
    expect(parseJobId(text)).toBeNull();
  });
});
