import { describe, expect, it } from "vitest";
import { expiryReminderOf } from "../../src/notifications/reminder-due.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY = new Date("2027-06-01T00:00:00Z");
const before = (days: number) => new Date(EXPIRY.getTime() - days * DAY_MS);

describe("the expiry reminder due at a moment", () => {
  it("is none while more than 30 days away", () => {
    expect(expiryReminderOf(EXPIRY, before(45))).toBeNull();
    expect(expiryReminderOf(EXPIRY, new Date(before(30).getTime() - 1))).toBeNull();
  });

  it("is the tightest threshold reached, with the whole days left rounded up", () => {
    expect(expiryReminderOf(EXPIRY, before(30))).toEqual({ threshold: 30, daysLeft: 30 });
    expect(expiryReminderOf(EXPIRY, before(8))).toEqual({ threshold: 30, daysLeft: 8 });
    expect(expiryReminderOf(EXPIRY, before(7))).toEqual({ threshold: 7, daysLeft: 7 });
    expect(expiryReminderOf(EXPIRY, before(3))).toEqual({ threshold: 7, daysLeft: 3 });
    expect(expiryReminderOf(EXPIRY, before(1.5))).toEqual({ threshold: 7, daysLeft: 2 });
    expect(expiryReminderOf(EXPIRY, before(1))).toEqual({ threshold: 1, daysLeft: 1 });
    expect(expiryReminderOf(EXPIRY, before(0.01))).toEqual({ threshold: 1, daysLeft: 1 });
  });

  it("is threshold 0 from the moment of expiry", () => {
    expect(expiryReminderOf(EXPIRY, EXPIRY)).toEqual({ threshold: 0, daysLeft: 0 });
    expect(expiryReminderOf(EXPIRY, before(-100))).toEqual({ threshold: 0, daysLeft: 0 });
  });
});
