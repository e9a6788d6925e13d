// The IoTC-compatible API: an IoTC client changes only its host. Paths, field names and shapes
// follow the IoTC documentation; authentication is HTTP Basic with an API key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDeviceStats, applyGatewayStats, createDb, SecretBox, type Db } from "@tidewire/db";
import { basicAuth, startWeb, type RunningWeb } from "@tidewire/testkit";
import { httpCall } from "../support/api-client";
import { DEVICE_KEY, tenantWithEverything, type TenantResources } from "../support/tenant-resources";

let db: Db;
let web: RunningWeb;
let A: TenantResources;
let auth: Record<string, string>;
const BASE = "/api.beta/v1";

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  A = await tenantWithEverything(db, new SecretBox(process.env.TIDEWIRE_MASTER_KEY!), "iotc");
  auth = { authorization: basicAuth(A.writeKey.keyId, A.writeKey.secret) };
  const seen = new Date("2021-04-23T20:48:44Z");
  await applyDeviceStats(db, [{ tenantId: A.tenantId, id: A.device.id, total: 1057, processed: 1057, notProcessed: 0, notProcessedByReason: {}, lastSeenAt: seen }]);
  await applyGatewayStats(db, [{ tenantId: A.tenantId, id: A.gateway.id, total: 78662, processed: 78660, notProcessed: 2, notProcessedByReason: { NOT_ONBOARDED: 2 }, lastSeenAt: seen }]);
  web = await startWeb();
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
});

describe("IoTC-compatible API", () => {
  it("asks for HTTP Basic credentials like IoTC does", async () => {
    const res = await httpCall(web.url, "GET", `${BASE}/devices`, {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: "UNAUTHORIZED", message: expect.any(String) });
  });

  it("onboards with POST /device using IoTC's field names, and answers GET /device/{sourceEurid} in IoTC's shape", async () => {
    const created = await httpCall(web.url, "POST", `${BASE}/device`, auth, {
      eep: "A5-04-01",
      friendlyID: "Room Panel 02",
      location: "Level 2 / Room 221",
      sourceEurid: "A1B2C3D4",
    });
    expect(created.status).toBe(200);
    const got = await httpCall(web.url, "GET", `${BASE}/device/a1b2c3d4`, auth);
    expect(got.body).toEqual({
      activeFlag: "true",
      customTag: "",
      destinationEurid: "ffffffff",
      eep: "a5-04-01",
      friendlyID: "Room Panel 02",
      isPTM: "false",
      location: "Level 2 / Room 221",
      sourceEurid: "a1b2c3d4",
      secured: "false",
    });
  });

  it("overwrites with PUT, deletes with DELETE, and says 'Device not found' afterwards", async () => {
    await httpCall(web.url, "POST", `${BASE}/device`, auth, { eep: "A5-02-05", friendlyID: "t", sourceEurid: "0000c0de", location: "L1" });
    const put = await httpCall(web.url, "PUT", `${BASE}/device/0000c0de`, auth, { eep: "A5-02-05", friendlyID: "renamed", activeFlag: "false" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ friendlyID: "renamed", activeFlag: "false", location: "" });
    expect((await httpCall(web.url, "DELETE", `${BASE}/device/0000c0de`, auth)).status).toBe(200);
    const gone = await httpCall(web.url, "GET", `${BASE}/device/0000c0de`, auth);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: "NOT_FOUND", message: "Device not found" });
  });

  it("lists devices with GET /devices, and one with ?sourceID= as IoTC 1.2 does", async () => {
    const all = await httpCall(web.url, "GET", `${BASE}/devices`, auth);
    expect((all.body as { sourceEurid: string }[]).map((d) => d.sourceEurid)).toContain(A.eurid);
    const one = await httpCall(web.url, "GET", `${BASE}/devices?sourceID=${A.eurid.toUpperCase()}`, auth);
    expect(one.body).toMatchObject({ sourceEurid: A.eurid, eep: "a5-09-09", friendlyID: "iotc co2", customTag: "iotc-tag", secured: "true" });
  });

  it("answers device statistics in the documented shape, matching destinationID", async () => {
    const res = await httpCall(web.url, "GET", `${BASE}/devices/metadata/statistics/telegrams?sourceID=${A.eurid}&destinationID=FFFFFFFF`, auth);
    expect(res.body).toEqual([
      {
        device: {
          activeFlag: "true",
          customTag: "iotc-tag",
          destinationEurid: "ffffffff",
          eep: "a5-09-09",
          friendlyID: "iotc co2",
          isPTM: "false",
          location: "iotc lab",
          sourceEurid: A.eurid,
          secured: "true",
        },
        stats: { lastSeen: "1619210924", notProcessed: 0, successfullyProcessed: 1057, totalTelegramCount: 1057 },
      },
    ]);
    const otherDestination = await httpCall(web.url, "GET", `${BASE}/devices/metadata/statistics/telegrams?sourceID=${A.eurid}&destinationID=01020304`, auth);
    expect(otherDestination.status).toBe(404);
  });

  it("lists gateways and their statistics in the documented shapes", async () => {
    const gateways = await httpCall(web.url, "GET", `${BASE}/gateways`, auth);
    expect(gateways.body).toEqual([{ hardwareDescriptor: "AP-305", mac: A.gateway.mac, softwareVersion: "8.7.1.1", lastSeen: expect.stringMatching(/^\d{10}$/) }]);
    const stats = await httpCall(web.url, "GET", `${BASE}/gateways/metadata/statistics/telegrams`, auth);
    expect(stats.body).toEqual([
      {
        device: { hardwareDescriptor: "AP-305", mac: A.gateway.mac, softwareVersion: "8.7.1.1" },
        stats: { lastSeen: "1619210924", notProcessed: 2, successfullyProcessed: 78660, totalTelegramCount: 78662 },
      },
    ]);
  });

  it("answers a device's last telegrams as IoTC output messages", async () => {
    const res = await httpCall(web.url, "GET", `${BASE}/devices/telemetry/most-recent?sourceID=${A.eurid}`, auth);
    const list = res.body as { egressOutput: string }[];
    expect(list).toHaveLength(1);
    const message = JSON.parse(list[0]!.egressOutput);
    expect(message).toMatchObject({
      sensor: { friendlyId: "iotc co2", id: A.eurid, location: "iotc lab" },
      telemetry: { data: [{ key: "co2", value: 627.45, unit: "ppm" }], signal: [] },
      raw: { data: "a500005008", sender: A.eurid, destination: "ffffffff", rssi: 70 },
      tidewire: { receptions: [{ gateway: "iotc-gw", rssi: 70 }] },
    });
  });

  it("exports GET /backup without keys and restores it with POST /backup, keeping the keys", async () => {
    const backup = await httpCall(web.url, "GET", `${BASE}/backup`, auth);
    const body = backup.body as { APIVersion: string; ExportDate: string; Connections: { sourceEurid: string }[] };
    expect(body.APIVersion).toBe("0.0.1");
    expect(Date.parse(body.ExportDate)).not.toBeNaN();
    expect(body.Connections.map((d) => d.sourceEurid)).toContain(A.eurid);
    expect(backup.text).not.toContain(DEVICE_KEY);

    // Restoring replaces the device list: a device not in the file goes, the others stay with
    // their keys.
    await httpCall(web.url, "POST", `${BASE}/device`, auth, { eep: "A5-02-05", friendlyID: "not in backup", sourceEurid: "0000beef" });
    const restored = await httpCall(web.url, "POST", `${BASE}/backup`, auth, body);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ removed: 1 });
    expect((await httpCall(web.url, "GET", `${BASE}/device/0000beef`, auth)).status).toBe(404);
    expect((await httpCall(web.url, "GET", `${BASE}/device/${A.eurid}`, auth)).body).toMatchObject({ secured: "true" });
  });

  it("refuses a backup with a bad device and writes nothing, naming the problem", async () => {
    const before = await db.device.count({ where: { tenantId: A.tenantId } });
    const res = await httpCall(web.url, "POST", `${BASE}/backup`, auth, {
      APIVersion: "0.0.1",
      Connections: [{ sourceEurid: "0000aaaa", eep: "A5-02-05", friendlyID: "fine" }, { sourceEurid: "xyz", eep: "A5-02-05", friendlyID: "bad" }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("device 2") });
    expect(await db.device.count({ where: { tenantId: A.tenantId } })).toBe(before);
  });

  it("answers under /iotc too, for installations that prefer a shorter path", async () => {
    const res = await httpCall(web.url, "GET", `/iotc/device/${A.eurid}`, auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sourceEurid: A.eurid });
  });
});
