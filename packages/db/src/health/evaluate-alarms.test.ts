import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { listAlarms } from "../repos/alarms";
import { upsertDevice } from "../repos/devices";
import { insertTelemetry } from "../repos/telemetry";
import { evaluateTenantAlarms } from "./evaluate-alarms";

let db: Db;
const box = new SecretBox(Buffer.alloc(32, 6).toString("base64"));
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

// Real time: portals other test files start delete history past 30 days on their own.
const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

async function sensor(expectedIntervalSec: number | null) {
  const { tenant } = await createTenantFixture(db, "alarm");
  const device = await upsertDevice(db, box, tenant.id, { sourceEurid: "01a2b3c4", eep: "A5-02-05", friendlyId: "Room 101", expectedIntervalSec });
  await db.device.update({ where: { id: device.id }, data: { createdAt: ago(10_000) } });
  return { tenantId: tenant.id, deviceId: device.id };
}

async function telegram(ids: { tenantId: string; deviceId: string }, at: Date, over: { rssi?: number; energy?: number } = {}) {
  await insertTelemetry(db, [
    {
      ...ids,
      time: at,
      telegramId: `t-${at.getTime()}-${Math.random()}`,
      data: [{ key: "temperature", value: 21 }],
      signal: over.energy !== undefined ? [{ key: "energy", value: over.energy, unit: "%" }] : [],
      rssi: over.rssi ?? 60,
      rawData: "00",
      receptions: [],
    },
  ]);
  await db.device.updateMany({ where: { id: ids.deviceId }, data: { lastSeenAt: at } });
}

// Portals that other test files start evaluate every tenant's alarms too, so these tests check the
// alarms the database ends up with, whoever evaluated first.
const openKinds = async (ids: { tenantId: string; deviceId: string }) =>
  (await listAlarms(db, ids.tenantId, { deviceId: ids.deviceId, open: true })).map((a) => a.kind).sort();

describe("alarm evaluation", () => {
  it("raises a silence alarm once and clears it when the device is heard again", async () => {
    const ids = await sensor(60);
    await telegram(ids, ago(10));
    await evaluateTenantAlarms(db, ids.tenantId, now);
    await evaluateTenantAlarms(db, ids.tenantId, now);
    const open = await listAlarms(db, ids.tenantId, { deviceId: ids.deviceId, open: true });
    expect(open.map((a) => [a.kind, a.message])).toEqual([["SILENT", "Room 101 has been silent for 10 min (expected every 60 s)"]]);
    await telegram(ids, ago(0.5));
    const cleared = await evaluateTenantAlarms(db, ids.tenantId, now);
    expect(await openKinds(ids)).toEqual([]);
    const history = await listAlarms(db, ids.tenantId, { deviceId: ids.deviceId });
    expect(history.map((a) => [a.kind, a.id, a.clearedAt !== null])).toEqual([["SILENT", open[0]!.id, true]]);
    expect(cleared.every((t) => t.state === "cleared")).toBe(true);
  });

  it("answers the transitions it made, for notifications", async () => {
    const ids = await sensor(60);
    await telegram(ids, ago(10));
    const transitions = await evaluateTenantAlarms(db, ids.tenantId, now);
    // Another portal may have raised it a moment earlier; then there is nothing left to report.
    for (const t of transitions) expect(t).toMatchObject({ state: "raised", kind: "SILENT", sourceEurid: "01a2b3c4", friendlyId: "Room 101", deviceId: ids.deviceId });
    expect(await openKinds(ids)).toEqual(["SILENT"]);
  });

  it("raises low energy from signal telegrams and weak signal from the last telegrams' RSSI", async () => {
    const ids = await sensor(null);
    await telegram(ids, ago(30), { energy: 80, rssi: 95 });
    await telegram(ids, ago(20), { rssi: 94 });
    await telegram(ids, ago(10), { energy: 15, rssi: 96 });
    await evaluateTenantAlarms(db, ids.tenantId, now);
    const open = await listAlarms(db, ids.tenantId, { deviceId: ids.deviceId, open: true });
    expect(open.map((a) => a.kind).sort()).toEqual(["ENERGY_LOW", "WEAK_SIGNAL"]);
    expect(open.find((a) => a.kind === "ENERGY_LOW")?.details).toMatchObject({ energy: 15, energyMaxDay: 80 });
    expect(open.find((a) => a.kind === "WEAK_SIGNAL")?.message).toBe("Room 101's signal is weak: -95 dBm on average over its last 3 telegrams");
    // The battery was replaced and the gateway moved closer: both conditions end.
    await telegram(ids, ago(3), { energy: 100, rssi: 60 });
    await telegram(ids, ago(2), { rssi: 61 });
    await telegram(ids, ago(1), { rssi: 62 });
    await telegram(ids, ago(0.5), { rssi: 60 });
    await telegram(ids, ago(0.2), { rssi: 60 });
    await evaluateTenantAlarms(db, ids.tenantId, now);
    expect(await openKinds(ids)).toEqual([]);
  });
});
