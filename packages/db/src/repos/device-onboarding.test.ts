import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { createDevice, deleteDevice, replaceDevices, updateDevice, upsertDevices } from "./device-onboarding";
import { getDeviceDetail, queryDevices } from "./device-queries";
import { loadDecodeDevices } from "./devices";
import { insertTelemetry } from "./telemetry";

let db: Db;
const box = new SecretBox(Buffer.alloc(32, 5).toString("base64"));
const KEY = "3a0c1b30b0a822a17a28fd01d77abdae";
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

describe("device onboarding", () => {
  it("refuses an EURID the tenant already has, in any spelling", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    await createDevice(db, box, tenant.id, { sourceEurid: "051B03C9", eep: "a5-09-09" });
    await expect(createDevice(db, box, tenant.id, { sourceEurid: "05:1b:03:c9", eep: "A5-09-09" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps the AES key write-only: stored sealed, usable by the worker, reported only as 'secured'", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    const created = await createDevice(db, box, tenant.id, { sourceEurid: "a1b2c3d4", eep: "D2-14-41", aesKey: KEY.toUpperCase(), slf: "F3" });
    expect(JSON.stringify(created)).not.toContain(KEY);
    const stored = await db.device.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.aesKeyEnc).not.toContain(KEY);
    expect((await loadDecodeDevices(db, box, tenant.id))[0]).toMatchObject({ aesKey: KEY, slf: "f3" });
    const detail = await getDeviceDetail(db, tenant.id, "a1b2c3d4");
    expect(detail.secured).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(KEY);
    expect(Object.keys(detail)).not.toContain("aesKeyEnc");
  });

  it("updates only the fields given, and removes the key when asked to", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    await createDevice(db, box, tenant.id, { sourceEurid: "a1b2c3d5", eep: "A5-02-05", friendlyId: "Room 1", location: "L1", aesKey: KEY, slf: "f3" });
    const moved = await updateDevice(db, box, tenant.id, "a1b2c3d5", { location: "L2" });
    expect(moved).toMatchObject({ friendlyId: "Room 1", location: "L2", eep: "A5-02-05" });
    expect((await getDeviceDetail(db, tenant.id, "a1b2c3d5")).secured).toBe(true);
    await updateDevice(db, box, tenant.id, "a1b2c3d5", { aesKey: null });
    expect((await getDeviceDetail(db, tenant.id, "a1b2c3d5")).secured).toBe(false);
    await expect(updateDevice(db, box, tenant.id, "ffffffff", { location: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("onboards new and updates known devices in bulk, and counts which was which", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    await createDevice(db, box, tenant.id, { sourceEurid: "00000001", eep: "A5-02-05", friendlyId: "old" });
    const result = await upsertDevices(db, box, tenant.id, [
      { sourceEurid: "00000001", eep: "A5-02-05", friendlyId: "renamed" },
      { sourceEurid: "00000002", eep: "A5-04-01", friendlyId: "new", tags: ["a", "b"] },
    ]);
    expect(result).toEqual({ created: 1, updated: 1 });
    const page = await queryDevices(db, tenant.id, { sort: "sourceEurid" });
    expect(page.rows.map((r) => [r.sourceEurid, r.friendlyId, r.tags])).toEqual([
      ["00000001", "renamed", []],
      ["00000002", "new", ["a", "b"]],
    ]);
  });

  it("replaces the device list as IoTC's POST /backup does, keeping keys a backup cannot carry", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    await createDevice(db, box, tenant.id, { sourceEurid: "0000000a", eep: "A5-02-05", aesKey: KEY, slf: "f3" });
    await createDevice(db, box, tenant.id, { sourceEurid: "0000000b", eep: "A5-02-05" });
    const result = await replaceDevices(db, box, tenant.id, [
      { sourceEurid: "0000000a", eep: "A5-02-05", friendlyId: "kept" },
      { sourceEurid: "0000000c", eep: "F6-02-01" },
    ]);
    expect(result).toEqual({ created: 1, updated: 1, removed: 1 });
    const page = await queryDevices(db, tenant.id, { sort: "sourceEurid" });
    expect(page.rows.map((r) => [r.sourceEurid, r.secured])).toEqual([
      ["0000000a", true],
      ["0000000c", false],
    ]);
  });

  it("deletes a device of its own tenant only", async () => {
    const a = await createTenantFixture(db, "onb");
    const b = await createTenantFixture(db, "onb");
    await createDevice(db, box, a.tenant.id, { sourceEurid: "0000beef", eep: "A5-02-05" });
    await expect(deleteDevice(db, b.tenant.id, "0000beef")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteDevice(db, a.tenant.id, "0000beef");
    expect((await queryDevices(db, a.tenant.id, {})).total).toBe(0);
  });

  it("takes a deleted or replaced-away device's history and chart points with it, and only its", async () => {
    const { tenant } = await createTenantFixture(db, "onb");
    const devices = await Promise.all(["000000d1", "000000d2", "000000d3"].map((sourceEurid) => createDevice(db, box, tenant.id, { sourceEurid, eep: "A5-02-05" })));
    await insertTelemetry(
      db,
      devices.map((d, i) => ({
        tenantId: tenant.id,
        deviceId: d.id,
        time: new Date(Date.UTC(2026, 10, 22, 10, i)),
        telegramId: `t${i}`,
        data: [{ key: "temperature", value: 20 + i }],
        signal: [],
        rssi: 60,
        rawData: "00",
        receptions: [],
      })),
    );
    const history = async (deviceId: string) => [await db.telemetryRecord.count({ where: { deviceId } }), await db.telemetryPoint.count({ where: { deviceId } })];
    expect(await history(devices[0]!.id)).toEqual([1, 2]);
    await deleteDevice(db, tenant.id, "000000d1");
    expect(await history(devices[0]!.id)).toEqual([0, 0]);
    await replaceDevices(db, box, tenant.id, [{ sourceEurid: "000000d3", eep: "A5-02-05" }]);
    expect(await history(devices[1]!.id)).toEqual([0, 0]);
    expect(await history(devices[2]!.id), "the device kept keeps its history").toEqual([1, 2]);
  });
});

describe("device table queries", () => {
  it("search EURID, name, location, EEP and tags, sort both ways, and page", async () => {
    const { tenant } = await createTenantFixture(db, "tbl");
    await upsertDevices(
      db,
      box,
      tenant.id,
      Array.from({ length: 30 }, (_, i) => ({
        sourceEurid: (0x01000000 + i).toString(16),
        eep: i % 2 ? "A5-02-05" : "D5-00-01",
        friendlyId: `Sensor ${String(i).padStart(2, "0")}`,
        location: i < 10 ? "Level 1" : "Level 2",
        tags: i === 7 ? ["hvac"] : [],
      })),
    );
    expect((await queryDevices(db, tenant.id, { search: "level 1" })).total).toBe(10);
    expect((await queryDevices(db, tenant.id, { search: "d5-00" })).total).toBe(15);
    expect((await queryDevices(db, tenant.id, { search: "01:00:00:07" })).rows.map((r) => r.friendlyId)).toEqual(["Sensor 07"]);
    expect((await queryDevices(db, tenant.id, { search: "hvac" })).rows.map((r) => r.friendlyId)).toEqual(["Sensor 07"]);
    const page2 = await queryDevices(db, tenant.id, { sort: "friendlyId", direction: "desc", page: 2, pageSize: 10 });
    expect(page2.total).toBe(30);
    expect(page2.rows.map((r) => r.friendlyId)).toEqual(Array.from({ length: 10 }, (_, i) => `Sensor ${String(19 - i).padStart(2, "0")}`));
  });

  it("sort never-heard devices last whichever the direction", async () => {
    const { tenant } = await createTenantFixture(db, "tbl");
    await upsertDevices(db, box, tenant.id, [
      { sourceEurid: "00000001", eep: "A5-02-05" },
      { sourceEurid: "00000002", eep: "A5-02-05" },
      { sourceEurid: "00000003", eep: "A5-02-05" },
    ]);
    await db.device.updateMany({ where: { tenantId: tenant.id, sourceEurid: "00000001" }, data: { lastSeenAt: new Date("2026-01-01") } });
    await db.device.updateMany({ where: { tenantId: tenant.id, sourceEurid: "00000003" }, data: { lastSeenAt: new Date("2026-01-02") } });
    const desc = await queryDevices(db, tenant.id, { sort: "lastSeenAt", direction: "desc" });
    expect(desc.rows.map((r) => r.sourceEurid)).toEqual(["00000003", "00000001", "00000002"]);
    const asc = await queryDevices(db, tenant.id, { sort: "lastSeenAt", direction: "asc" });
    expect(asc.rows.map((r) => r.sourceEurid)).toEqual(["00000001", "00000003", "00000002"]);
  });
});
