// MQTT alarm messages end to end: housekeeping publishes a raised alarm with the built-in
// broker's internal account, and the tenant's own MQTT client receives it as alarms/<eurid>.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import mqtt from "mqtt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createDb, SecretBox, upsertDevice, verifyApiKey, type Db } from "@tidewire/db";
import { Housekeeping } from "@tidewire/housekeeping";
import { createTenantFixture, freePort } from "@tidewire/testkit";
import { BuiltinBroker } from "../../apps/ingest/src/broker/builtin-broker";

let db: Db;
let redis: Redis;
let broker: BuiltinBroker;
let brokerUrl: string;
const internalSecret = randomBytes(12).toString("hex");

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  redis = new Redis(process.env.REDIS_URL!);
  broker = new BuiltinBroker({
    port: await freePort(),
    host: "127.0.0.1",
    internalSecret,
    verifyApiKey: async (keyId, secret) => {
      const key = await verifyApiKey(db, keyId, secret);
      return key && key.scopes.includes("mqtt") ? { tenantId: key.tenantId, tenantSlug: key.tenantSlug } : null;
    },
    log: pino({ level: "silent" }),
  });
  brokerUrl = `mqtt://127.0.0.1:${(await broker.listen()).port}`;
});

afterAll(async () => {
  await broker?.close();
  redis?.disconnect();
  await db?.$disconnect();
});

describe("MQTT alarm messages", () => {
  it("reach the tenant's MQTT client on alarms/<eurid> of its own topic space, and only there", async () => {
    const { tenant } = await createTenantFixture(db, "alarm-mqtt");
    await db.tenant.update({ where: { id: tenant.id }, data: { alarmsToMqtt: true } });
    const device = await upsertDevice(db, new SecretBox(process.env.TIDEWIRE_MASTER_KEY!), tenant.id, {
      sourceEurid: "0c0ffee0",
      eep: "A5-02-05",
      friendlyId: "Boiler room",
      expectedIntervalSec: 60,
    });
    await db.device.update({ where: { id: device.id }, data: { createdAt: new Date(Date.now() - 90_000) } });
    const key = await createApiKey(db, tenant.id, { name: "mqtt", scopes: ["mqtt"] });
    const other = await createTenantFixture(db, "alarm-mqtt-other");
    const otherKey = await createApiKey(db, other.tenant.id, { name: "mqtt", scopes: ["mqtt"] });

    const client = await mqtt.connectAsync(brokerUrl, { username: key.keyId, password: key.secret, reconnectPeriod: 0 });
    const stranger = await mqtt.connectAsync(brokerUrl, { username: otherKey.keyId, password: otherKey.secret, reconnectPeriod: 0 });
    const received: { topic: string; body: Record<string, unknown> }[] = [];
    const leaked: string[] = [];
    client.on("message", (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) }));
    stranger.on("message", (topic) => leaked.push(topic));
    await client.subscribeAsync("alarms/#", { qos: 1 });
    await stranger.subscribeAsync("#", { qos: 1 });

    const housekeeping = new Housekeeping({
      db,
      redis,
      prefix: `${process.env.REDIS_PREFIX}:${randomBytes(3).toString("hex")}`,
      licensePublicKey: process.env.LICENSE_PUBLIC_KEY!,
      broker: { url: brokerUrl, internalSecret },
      log: pino({ level: "silent" }),
    });
    // Evaluated a minute ahead: silent 150 s of an expected 60 s.
    await housekeeping.evaluateAlarms(new Date(Date.now() + 60_000), [tenant.id, other.tenant.id]);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0]).toEqual({
      topic: "alarms/0c0ffee0",
      body: expect.objectContaining({ alarm: "SILENT", state: "raised", sensor: { id: "0c0ffee0", friendlyId: "Boiler room" }, clearedAt: null }),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
    await housekeeping.stop();
    await client.endAsync();
    await stranger.endAsync();
  });
});
