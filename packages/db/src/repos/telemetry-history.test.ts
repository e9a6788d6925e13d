import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { upsertDevice } from "./devices";
import { insertTelemetry, latestTelemetry, type TelemetryRow } from "./telemetry";
import { bucketSecondsFor, deleteTelemetryBefore, telemetrySeries } from "./telemetry-history";

let db: Db;
// Recent times: portals other test files start delete history past 30 days on their own.
const hour = 3_600_000;
const recent = new Date(Math.floor((Date.now() - 2 * 86_400_000) / hour) * hour);
const box = new SecretBox(Buffer.alloc(32, 4).toString("base64"));
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

async function deviceOf(label: string) {
  const { tenant } = await createTenantFixture(db, label);
  const device = await upsertDevice(db, box, tenant.id, { sourceEurid: "01a2b3c4", eep: "A5-04-01" });
  return { tenantId: tenant.id, deviceId: device.id };
}

const row = (ids: { tenantId: string; deviceId: string }, time: Date, temperature: number, extra: Partial<TelemetryRow> = {}): TelemetryRow => ({
  ...ids,
  time,
  telegramId: `t-${time.getTime()}`,
  data: [
    { key: "temperature", value: temperature, unit: "°C" },
    { key: "contact", value: "open", meaning: "Window opened" },
  ],
  signal: [],
  rssi: 70,
  rawData: "a5000000",
  receptions: [],
  ...extra,
});

describe("telemetry history", () => {
  it("keeps every number of a telegram for charts: values, signal values and RSSI, but no enumerations", async () => {
    const ids = await deviceOf("hist");
    const at = recent;
    await insertTelemetry(db, [row(ids, at, 21.5, { signal: [{ key: "energy", value: 80, unit: "%" }], rssi: 64 })]);
    const points = await db.telemetryPoint.findMany({ where: { deviceId: ids.deviceId }, orderBy: { key: "asc" } });
    expect(points.map((p) => [p.key, p.value])).toEqual([
      ["meta.rssi", 64],
      ["signal.energy", 80],
      ["temperature", 21.5],
    ]);
    expect(points[0]!.time.toISOString()).toBe(at.toISOString());
    expect((await latestTelemetry(db, ids.tenantId, ids.deviceId)).length).toBe(1);
  });

  it("does not write a point twice when a batch is processed again", async () => {
    const ids = await deviceOf("hist");
    const r = row(ids, recent, 20);
    await insertTelemetry(db, [r]);
    await insertTelemetry(db, [r]);
    expect(await db.telemetryPoint.count({ where: { deviceId: ids.deviceId, key: "temperature" } })).toBe(1);
  });

  it("answers a chart as averages per bucket over the chosen range only", async () => {
    const ids = await deviceOf("hist");
    const start = recent;
    // One telegram a minute for two hours: 20 °C in the first hour, 24 °C in the second.
    const rows = Array.from({ length: 120 }, (_, i) => row(ids, new Date(start.getTime() + i * 60_000), i < 60 ? 20 : 24));
    await insertTelemetry(db, rows);
    const hourly = await telemetrySeries(db, ids.tenantId, ids.deviceId, { from: start, to: new Date(start.getTime() + 2 * 3_600_000), maxPoints: 2 });
    expect(hourly.bucketSeconds).toBe(3600);
    expect(hourly.series.temperature).toEqual([
      { t: start.getTime() / 1000, avg: 20, min: 20, max: 20, count: 60 },
      { t: start.getTime() / 1000 + 3600, avg: 24, min: 24, max: 24, count: 60 },
    ]);
    expect(hourly.series.contact).toBeUndefined();
    const firstHalfHour = await telemetrySeries(db, ids.tenantId, ids.deviceId, { from: start, to: new Date(start.getTime() + 1_800_000) });
    expect(firstHalfHour.series.temperature!.reduce((n, b) => n + b.count, 0)).toBe(30);
  });

  it("never shows one tenant's history to another", async () => {
    const a = await deviceOf("hist");
    const b = await deviceOf("hist");
    await insertTelemetry(db, [row(a, recent, 22)]);
    const asB = await telemetrySeries(db, b.tenantId, a.deviceId, { from: new Date(recent.getTime() - hour), to: new Date(recent.getTime() + hour) });
    expect(asB.series).toEqual({});
  });

  it("deletes history older than the retention cutoff and keeps the rest", async () => {
    const ids = await deviceOf("hist");
    await insertTelemetry(db, [row(ids, new Date(recent.getTime() - 10 * 86_400_000), 1), row(ids, recent, 2)]);
    const removed = await deleteTelemetryBefore(db, ids.tenantId, new Date(recent.getTime() - 5 * 86_400_000));
    expect(removed.records).toBe(1);
    expect(removed.points).toBe(2);
    const left = await db.telemetryPoint.findMany({ where: { deviceId: ids.deviceId, key: "temperature" } });
    expect(left.map((p) => p.value)).toEqual([2]);
  });

  it("picks bucket sizes a person reads naturally", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    expect(bucketSecondsFor(from, new Date("2026-01-01T01:00:00Z"))).toBe(10);
    expect(bucketSecondsFor(from, new Date("2026-01-02T00:00:00Z"))).toBe(300);
    expect(bucketSecondsFor(from, new Date("2026-01-31T00:00:00Z"))).toBe(7200);
  });
});
