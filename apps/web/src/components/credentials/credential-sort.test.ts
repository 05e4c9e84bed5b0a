import { describe, expect, it } from "vitest";
import { ATTENTION_FIRST, type Credential, sortCredentials } from "./credential-sort.ts";

const at = (day: number) => new Date(Date.UTC(2027, 0, day));
const credential = (name: string, patch: Partial<Credential> = {}): Credential => ({
  id: name,
  name,
  app: { id: "app", name: "App" },
  clientAuthMethod: "client_secret_basic",
  secretExpiresOn: null,
  certificateExpiresAt: null,
  expiresAt: null,
  keyAddedAt: null,
  lastTokenAt: null,
  lastUsedAt: null,
  refreshFailing: false,
  health: "not_checked",
  lastChange: { at: at(1), by: null },
  flags: [],
  ...patch,
});

// In the server's "needs attention first" order.
const list = [
  credential("b", { expiresAt: at(3), lastUsedAt: at(2) }),
  credential("a", { health: "failing" }),
  credential("c", { expiresAt: at(20), lastUsedAt: at(9) }),
];
const names = (items: Credential[]) => items.map((c) => c.name);

describe("sortCredentials", () => {
  it("keeps the server's attention order by default", () => {
    expect(names(sortCredentials(list, ATTENTION_FIRST))).toEqual(["b", "a", "c"]);
  });

  it("sorts by a column both ways, with nothing to show last either way", () => {
    expect(names(sortCredentials(list, { sort: "expires", direction: "asc" }))).toEqual([
      "b",
      "c",
      "a",
    ]);
    expect(names(sortCredentials(list, { sort: "expires", direction: "desc" }))).toEqual([
      "c",
      "b",
      "a",
    ]);
    expect(names(sortCredentials(list, { sort: "name", direction: "desc" }))).toEqual([
      "c",
      "b",
      "a",
    ]);
    expect(names(sortCredentials(list, { sort: "health", direction: "asc" }))).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("breaks ties with the attention order", () => {
    expect(names(sortCredentials(list, { sort: "app", direction: "desc" }))).toEqual([
      "b",
      "a",
      "c",
    ]);
  });
});
