import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { addDailyUsage, usageHistory, usageOfDay } from "./daily-usage";
import { upsertDevice } from "./devices";
import { insertTelemetry } from "./telemetry";

let db: Db;
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

describe("daily usage", () => {
  it("counts a day's processed messages from the history and the dropped ones from the worker's counter", async () => {
    const { tenant } = await createTenantFixture(db, "usage");
    const device = await upsertDevice(db, new SecretBox(Buffer.alloc(32, 1).toString("base64")), tenant.id, { sourceEurid: "00000001", eep: "A5-02-05" });
    // Yesterday and today (UTC): recent, because portals of other test files delete old history.
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const yesterday = new Date(today.getTime() - 86_400_000);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const row = (time: Date) => ({ tenantId: tenant.id, deviceId: device.id, time, telegramId: time.toISOString(), data: [], signal: [], rssi: null, rawData: "", receptions: [] });
    await insertTelemetry(db, [row(yesterday), row(new Date(today.getTime() - 1000)), row(today)]);
    await addDailyUsage(db, tenant.id, new Date(yesterday.getTime() + 3_600_000), { messages: 0, dropped: 7 });
    expect(await usageOfDay(db, tenant.id, yesterday)).toEqual({ messages: 2, dropped: 7 });
    const history = await usageHistory(db, tenant.id, 3, new Date(today.getTime() + 60_000));
    expect(history).toEqual([
      { day: iso(new Date(yesterday.getTime() - 86_400_000)), messages: 0, dropped: 0 },
      { day: iso(yesterday), messages: 2, dropped: 7 },
      { day: iso(today), messages: 1, dropped: 0 },
    ]);
  });
});
