import { describe, expect, it } from "vitest";
import { startedBy } from "./started-by.ts";

describe("who started a run", () => {
  it("names the person who pressed Refresh now, and says it was Refresh now", () => {
    expect(startedBy({ trigger: "manual", requestedBy: "Dana" })).toBe("Dana (Refresh now)");
    expect(startedBy({ trigger: "manual", requestedBy: null })).toBe("Refresh now");
  });

  it("keeps a Test as its person's, and the scheduler's and token API's runs as theirs", () => {
    expect(startedBy({ trigger: "test", requestedBy: "Dana" })).toBe("Dana");
    expect(startedBy({ trigger: "refresh", requestedBy: null })).toBe("Automatic refresh");
    expect(startedBy({ trigger: "api", requestedBy: null })).toBe("Token API");
  });
});
