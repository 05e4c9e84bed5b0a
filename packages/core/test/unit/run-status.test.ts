import { describe, expect, it } from "vitest";
import { isRunOver, RUN_STATUSES, UNFINISHED_RUN_STATUSES } from "../../src/shared/run-status.ts";

describe("isRunOver", () => {
  it("is true once a run has its verdict, and only then", () => {
    expect(RUN_STATUSES.filter((status) => isRunOver({ status }))).toEqual([
      "succeeded",
      "failed",
      "cancelled",
    ]);
    expect(RUN_STATUSES.filter((status) => !isRunOver({ status }))).toEqual([
      ...UNFINISHED_RUN_STATUSES,
    ]);
  });

  it("is false while there is no run yet, or a status it does not know", () => {
    expect(isRunOver(null)).toBe(false);
    expect(isRunOver(undefined)).toBe(false);
    expect(isRunOver({ status: "paused" })).toBe(false);
  });
});
