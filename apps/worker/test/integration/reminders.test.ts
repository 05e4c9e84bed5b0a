import type { Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import { createChannel } from "@authdeck/core/notifications";
import { type DatabaseFixture, openTestDb } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReminders } from "../../src/reminders.ts";
import { createProfileFor, testSealer, waitFor } from "../support.ts";

let database: DatabaseFixture;
let db: Db;

beforeAll(async () => {
  database = await openTestDb("reminders", { poolSize: 2 });
  db = database.db;
});

afterAll(async () => database?.close());

describe("the worker's reminders", () => {
  it("sends a client secret's expiry reminder on its schedule, once", async () => {
    const sealer = testSealer();
    const inThreeDays = new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString().slice(0, 10);
    const { member } = await createProfileFor(
      { db, sealer },
      { tokenRequestUrl: "https://idp.example.com/token", clientSecretExpiresOn: inThreeDays },
    );
    const channel = await createChannel(
      { db, sealer, now: () => new Date(), emailDomains: null },
      member,
      {
        kind: "webhook",
        name: "On-call",
        url: "https://hooks.example.com/authdeck",
        events: ["profile.secret.expiring"],
        appIds: [],
      },
    );
    const lines: string[] = [];
    const log = createLogger({
      name: "worker",
      level: "info",
      destination: { write: (line: string) => void lines.push(line) },
    });
    const reminders = startReminders(
      { db, now: () => new Date(), log },
      { firstAfterMs: 100, everyMs: 200 },
    );
    const count = () => db.notificationDelivery.count({ where: { channelId: channel.id } });
    try {
      await waitFor(async () => (await count()) === 1);
      // Later passes find it recorded: still one.
      await new Promise((resolve) => setTimeout(resolve, 700));
    } finally {
      await reminders.stop();
    }
    expect(await count()).toBe(1);
    const delivery = await db.notificationDelivery.findFirstOrThrow({
      where: { channelId: channel.id },
    });
    expect(delivery.payload).toMatchObject({
      type: "profile.secret.expiring",
      credential: { kind: "client_secret", threshold: 7 },
    });
    expect(lines.join("")).toContain('"secrets":1,"certificates":0,"apiKeys":0');
  });
});
