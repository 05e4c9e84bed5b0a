// @module-tag resilience
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSlots, SLOW_AFTER_MS } from "../../src/slots.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const never = () => new Promise<never>(() => {});
const settled = () => Promise.resolve("answer");

function slotsOf(concurrency: number) {
  const capacities: number[] = [];
  const slots = createSlots({ concurrency, onCapacity: (c) => capacities.push(c) });
  return { slots, capacities };
}

describe("a worker's slots", () => {
  it("give a job's slot to another once it has waited on its provider for a while", async () => {
    const { slots, capacities } = slotsOf(2);
    const seat = slots.admit("team-a")!;
    const answer = seat.awaitProvider(settled());
    await vi.advanceTimersByTimeAsync(SLOW_AFTER_MS);
    expect(await answer).toBe("answer");
    expect(capacities).toEqual([]);

    let finish!: (value: string) => void;
    const waiting = seat.awaitProvider(new Promise<string>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(SLOW_AFTER_MS - 1);
    expect(capacities).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(capacities).toEqual([3]);
    finish("late");
    expect(await waiting).toBe("late");
    expect(capacities).toEqual([3, 2]);
  });

  it("hand out at most twice the concurrency in extra slots", async () => {
    const { slots, capacities } = slotsOf(2);
    const seats = Array.from({ length: 6 }, (_, i) => slots.admit(`team-${i}`)!);
    for (const seat of seats) void seat.awaitProvider(never());
    await vi.advanceTimersByTimeAsync(SLOW_AFTER_MS);
    expect(capacities).toEqual([3, 4, 5, 6]);
    seats[0]!.release();
    expect(capacities).toEqual([3, 4, 5, 6]);
    for (const seat of seats.slice(1)) seat.release();
    expect(capacities.at(-1)).toBe(2);
  });

  it("hold back a team's further jobs while one of its jobs waits long, up to a fifth of the slots", async () => {
    const { slots } = slotsOf(10);
    expect(slots.teamShare).toBe(2);
    const first = slots.admit("slow-team")!;
    const second = slots.admit("slow-team")!;
    // Nothing slow seen yet: the team may use what is free.
    const third = slots.admit("slow-team")!;
    expect(third).not.toBeNull();
    void first.awaitProvider(never());
    await vi.advanceTimersByTimeAsync(SLOW_AFTER_MS);

    expect(slots.admit("slow-team")).toBeNull();
    expect(slots.admit("other-team")).not.toBeNull();
    expect(slots.admit(undefined)).not.toBeNull();
    third.release();
    second.release();
    // Below its share again, but its job still waits: one more may run.
    expect(slots.admit("slow-team")).not.toBeNull();
    expect(slots.admit("slow-team")).toBeNull();
  });

  it("let a team run freely again once its slow job has ended", async () => {
    const { slots } = slotsOf(5);
    const seat = slots.admit("team")!;
    let finish!: () => void;
    const waiting = seat.awaitProvider(new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(SLOW_AFTER_MS);
    expect(slots.admit("team")).toBeNull();
    finish();
    await waiting;
    seat.release();
    const again = Array.from({ length: 5 }, () => slots.admit("team"));
    expect(again.every(Boolean)).toBe(true);
  });
});
