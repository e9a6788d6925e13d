import { Redis } from "ioredis";
import mqtt from "mqtt";
import { channels } from "@tidewire/config";
import { createDb, insertTelemetry, issueLicense, SecretBox, upsertDevice, type Db } from "@tidewire/db";
import { generateLicenseKeyPair } from "@tidewire/license";
import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Housekeeping } from "./housekeeping";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const box = new SecretBox(Buffer.alloc(32, 8).toString("base64"));
const platform = generateLicenseKeyPair();
let db: Db;
let redis: Redis;
let housekeeping: Housekeeping;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
  redis = new Redis(process.env.REDIS_URL!);
  housekeeping = new Housekeeping({
    db,
    redis,
    prefix: process.env.REDIS_PREFIX!,
    licensePublicKey: platform.publicKey,
    // The machine's Mosquitto stands in for the built-in broker: same topics, same account name.
    broker: { url: process.env.MQTT_TEST_URL!, internalSecret: "internal-secret-for-tests" },
    log: silent,
  });
});
afterAll(async () => {
  await housekeeping.stop();
  redis.disconnect();
  await db.$disconnect();
});

async function silentSensor(alarmsToMqtt: boolean) {
  const { tenant } = await createTenantFixture(db, "hk");
  await db.tenant.update({ where: { id: tenant.id }, data: { alarmsToMqtt } });
  const device = await upsertDevice(db, box, tenant.id, { sourceEurid: "0badcafe", eep: "A5-02-05", friendlyId: "Cellar", expectedIntervalSec: 60 });
  // Silent for 90 s of an expected 60 s: not yet an alarm (that needs 120 s) for the portals other
  // test files started, which evaluate as of the real time; the test evaluates a minute later.
  await db.device.update({ where: { id: device.id }, data: { createdAt: new Date(Date.now() - 90_000) } });
  return tenant.id;
}

function collect(client: mqtt.MqttClient) {
  const seen: { topic: string; payload: Record<string, unknown> }[] = [];
  client.on("message", (topic, payload) => seen.push({ topic, payload: JSON.parse(payload.toString()) }));
  return seen;
}

describe("housekeeping", () => {
  it("sends a raised alarm as an MQTT message on alarms/<eurid> of tenants that asked for it, and to the portal", async () => {
    const withMqtt = await silentSensor(true);
    const withoutMqtt = await silentSensor(false);
    const subscriber = await mqtt.connectAsync(process.env.MQTT_TEST_URL!, { reconnectPeriod: 0 });
    await subscriber.subscribeAsync([`tenants/${withMqtt}/alarms/#`, `tenants/${withoutMqtt}/alarms/#`], { qos: 1 });
    const mqttMessages = collect(subscriber);
    const portal = redis.duplicate();
    const portalMessages: string[] = [];
    portal.on("message", (_channel, payload) => portalMessages.push(payload));
    await portal.subscribe(channels.alarms(process.env.REDIS_PREFIX!, withoutMqtt));

    const transitions = await housekeeping.evaluateAlarms(new Date(Date.now() + 60_000), [withMqtt, withoutMqtt]);
    expect(transitions).toHaveLength(2);
    await expect.poll(() => mqttMessages.length, { timeout: 5000 }).toBe(1);
    expect(mqttMessages[0]).toMatchObject({
      topic: `tenants/${withMqtt}/alarms/0badcafe`,
      payload: { alarm: "SILENT", state: "raised", sensor: { id: "0badcafe", friendlyId: "Cellar" }, clearedAt: null },
    });
    await expect.poll(() => portalMessages.length, { timeout: 5000 }).toBe(1);
    expect(JSON.parse(portalMessages[0]!)).toMatchObject({ state: "raised", kind: "SILENT", tenantId: withoutMqtt });
    await subscriber.endAsync();
    portal.disconnect();
  });

  it("applies license limits on its own and tells the workers which tenant's devices changed", async () => {
    const { tenant } = await createTenantFixture(db, "hk");
    for (const eurid of ["00000001", "00000002"]) await upsertDevice(db, box, tenant.id, { sourceEurid: eurid, eep: "A5-02-05" });
    // The license starts in an hour, and enforcement runs as of two hours from now: portals that
    // other test files started (enforcing as of the real time) leave this tenant alone meanwhile.
    const now = new Date(Date.now() + 2 * 3_600_000);
    await issueLicense(db, tenant.id, { maxDevices: 1, maxGateways: 1, maxMessagesPerDay: 10, retentionDays: 7, validFrom: new Date(Date.now() + 3_600_000), validUntil: new Date(now.getTime() + 86_400_000) }, platform.privateKey);
    const workers = redis.duplicate();
    const changed: string[] = [];
    workers.on("message", (_c, tenantId) => changed.push(tenantId));
    await workers.subscribe(channels.devicesChanged(process.env.REDIS_PREFIX!));
    expect(await housekeeping.enforceLicenses(now, [tenant.id])).toBe(1);
    await expect.poll(() => changed.includes(tenant.id), { timeout: 5000 }).toBe(true);
    expect(await db.device.count({ where: { tenantId: tenant.id, licensed: false } })).toBe(1);
    workers.disconnect();
  });

  it("deletes history past each tenant's retention", async () => {
    const { tenant } = await createTenantFixture(db, "hk");
    await db.tenant.update({ where: { id: tenant.id }, data: { retentionDays: 7 } });
    const device = await upsertDevice(db, box, tenant.id, { sourceEurid: "00000009", eep: "A5-02-05" });
    const row = (daysAgo: number) => ({
      tenantId: tenant.id,
      deviceId: device.id,
      time: new Date(Date.now() - daysAgo * 86_400_000),
      telegramId: `r${daysAgo}`,
      data: [{ key: "temperature", value: daysAgo }],
      signal: [],
      rssi: null,
      rawData: "",
      receptions: [],
    });
    await insertTelemetry(db, [row(10), row(1)]);
    await housekeeping.applyRetention(new Date(), [tenant.id]);
    const left = await db.telemetryRecord.findMany({ where: { deviceId: device.id } });
    expect(left.map((r) => r.telegramId)).toEqual(["r1"]);
  });
});
