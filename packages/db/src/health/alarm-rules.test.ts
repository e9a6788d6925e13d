import { describe, expect, it } from "vitest";
import { alarmConditions, type DeviceHealthSnapshot } from "./alarm-rules";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const device = (over: Partial<DeviceHealthSnapshot> = {}): DeviceHealthSnapshot => ({
  deviceId: "d1",
  sourceEurid: "051b03c9",
  friendlyId: "co2 sensor",
  active: true,
  licensed: true,
  expectedIntervalSec: 60,
  lastSeenAt: minutesAgo(1),
  createdAt: minutesAgo(10_000),
  energy: null,
  energyAt: null,
  energyMaxDay: null,
  rssiAverage: null,
  rssiSamples: 0,
  ...over,
});
const kinds = (d: DeviceHealthSnapshot, open: string[] = []) =>
  alarmConditions(d, new Set(open as never[]), now).map((c) => c.kind);

describe("health rules", () => {
  it("call a device silent after twice its expected interval, and say for how long", () => {
    expect(kinds(device({ lastSeenAt: minutesAgo(1.5) }))).toEqual([]);
    const [silent] = alarmConditions(device({ lastSeenAt: minutesAgo(5) }), new Set(), now);
    expect(silent).toMatchObject({ kind: "SILENT", message: "co2 sensor has been silent for 5 min (expected every 60 s)" });
  });

  it("count a never-heard device as silent from its onboarding", () => {
    expect(kinds(device({ lastSeenAt: null, createdAt: minutesAgo(1) }))).toEqual([]);
    expect(kinds(device({ lastSeenAt: null, createdAt: minutesAgo(30) }))).toEqual(["SILENT"]);
  });

  it("judge no silence for devices without an expected interval", () => {
    expect(kinds(device({ expectedIntervalSec: null, lastSeenAt: minutesAgo(100_000) }))).toEqual([]);
  });

  it("raise low energy below 20 % and clear it only at 25 % or more", () => {
    const at = minutesAgo(10);
    expect(kinds(device({ energy: 19, energyAt: at, energyMaxDay: 20 }))).toEqual(["ENERGY_LOW"]);
    expect(kinds(device({ energy: 22, energyAt: at, energyMaxDay: 22 }))).toEqual([]);
    expect(kinds(device({ energy: 22, energyAt: at, energyMaxDay: 22 }), ["ENERGY_LOW"])).toEqual(["ENERGY_LOW"]);
    expect(kinds(device({ energy: 25, energyAt: at, energyMaxDay: 25 }), ["ENERGY_LOW"])).toEqual([]);
  });

  it("raise falling energy when it dropped 25 points within a day, even far from empty", () => {
    const [falling] = alarmConditions(device({ energy: 60, energyAt: minutesAgo(5), energyMaxDay: 90 }), new Set(), now);
    expect(falling).toMatchObject({ kind: "ENERGY_LOW", message: "co2 sensor's energy fell from 90% to 60% within a day" });
  });

  it("ignore an energy value older than a week", () => {
    expect(kinds(device({ energy: 5, energyAt: minutesAgo(8 * 1440), energyMaxDay: 5 }))).toEqual([]);
  });

  it("raise a weak signal over -90 dBm on average, clear at -85 dBm, and need three telegrams to judge", () => {
    expect(kinds(device({ rssiAverage: 93, rssiSamples: 2 }))).toEqual([]);
    expect(kinds(device({ rssiAverage: 93, rssiSamples: 5 }))).toEqual(["WEAK_SIGNAL"]);
    expect(kinds(device({ rssiAverage: 88, rssiSamples: 5 }))).toEqual([]);
    expect(kinds(device({ rssiAverage: 88, rssiSamples: 5 }), ["WEAK_SIGNAL"])).toEqual(["WEAK_SIGNAL"]);
    expect(kinds(device({ rssiAverage: 84, rssiSamples: 5 }), ["WEAK_SIGNAL"])).toEqual([]);
  });

  it("raise nothing for inactive or unlicensed devices", () => {
    const bad = { lastSeenAt: minutesAgo(1000), energy: 1, energyAt: minutesAgo(1), energyMaxDay: 1, rssiAverage: 99, rssiSamples: 5 };
    expect(kinds(device({ ...bad, active: false }))).toEqual([]);
    expect(kinds(device({ ...bad, licensed: false }))).toEqual([]);
    expect(kinds(device(bad))).toEqual(["SILENT", "ENERGY_LOW", "WEAK_SIGNAL"]);
  });
});
