/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// The built-in broker as an egress target: the workers publish into the tenant's topic space
// with the internal account, and the tenant's own MQTT client (API key, persistent session)
// reads devices/+/telemetry. The broker going away and coming back (its sessions kept in Redis)
// loses nothing and keeps each device's order; a broker that stays away ends in the dead letters,
// which replay in order; another tenant's delivery does not wait for it, and sees nothing of it.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listTargetDeadLetters, verifyApiKey } from "@tidewire/db";
import { replayDeadLetters } from "@tidewire/egress";
import { deliveryMessage, freePort, MqttCollector, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { BuiltinBroker } from "../../apps/ingest/src/broker/builtin-broker";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let broker: BuiltinBroker | undefined;
let brokerPort: number;
let mosquitto: MosquittoInstance;
let tenantId: string;
let key: { keyId: string; secret: string };
const shared = { redisUrl: process.env.REDIS_URL!, prefix: `${process.env.REDIS_PREFIX}:builtin-${randomBytes(3).toString("hex")}` };
const clients: MqttCollector[] = [];

/** The broker role as main.ts runs it: API keys with the mqtt scope, sessions in Redis. */
async function startBroker() {
  broker = new BuiltinBroker({
    port: brokerPort,
    host: "127.0.0.1",
    internalSecret: process.env.BROKER_INTERNAL_SECRET!,
    verifyApiKey: async (keyId, secret) => {
      const k = await verifyApiKey(egress.db, keyId, secret);
      return k && k.scopes.includes("mqtt") ? { tenantId: k.tenantId, tenantSlug: k.tenantSlug } : null;
    },
    log: pino({ level: "silent" }),
    shared,
  });
  await broker.listen();
}

async function stopBroker() {
  await broker?.close();
  broker = undefined;
}

/** The tenant's consumer: a persistent session that reconnects by itself. */
async function consumer(clientId: string, credentials = key) {
  const c = await MqttCollector.connect(`mqtt://127.0.0.1:${brokerPort}`, { username: credentials.keyId, password: credentials.secret, clientId, clean: false, reconnectPeriod: 200 });
  clients.push(c);
  await c.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
  return c;
}

const values = (c: MqttCollector, eurid: string) =>
  c.messages.filter((m) => m.topic === `devices/${eurid}/telemetry`).map((m) => (JSON.parse(m.payload) as any).telemetry.data[0].value as number);
const firstSeen = (xs: number[]) => xs.filter((x, i) => xs.indexOf(x) === i);
const row = (id: string) => egress.db.egressTarget.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  brokerPort = await freePort();
  egress = await startEgress({ builtinBrokerUrl: `mqtt://127.0.0.1:${brokerPort}` });
  await startBroker();
  mosquitto = await startMosquitto();
  tenantId = (await egress.tenant("builtin-tenant")).id;
  key = await createApiKey(egress.db, tenantId, { name: "consumer", scopes: ["mqtt"] });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await egress?.stop();
  await stopBroker();
  await mosquitto?.dispose();
});

describe("built-in broker target", () => {
  it("puts each message in the tenant's own topic space, where its API key client reads it, and nothing in another tenant's", async () => {
    const reader = await consumer("reader");
    const other = await egress.tenant("builtin-other");
    const otherKey = await createApiKey(egress.db, other.id, { name: "nosy", scopes: ["mqtt"] });
    const nosy = await MqttCollector.connect(`mqtt://127.0.0.1:${brokerPort}`, { username: otherKey.keyId, password: otherKey.secret });
    clients.push(nosy);
    await nosy.client.subscribeAsync("#", { qos: 1 });
    const target = await egress.target(tenantId, { kind: "BUILTIN_MQTT", name: "built-in", config: {} });
    await egress.enqueue(tenantId, target, [deliveryMessage("051b03c9", 1), deliveryMessage("051b03c9", 2)]);
    await reader.waitFor(2);
    expect(reader.messages[0]!.topic).toBe("devices/051b03c9/telemetry");
    expect(JSON.parse(reader.messages[0]!.payload)).toMatchObject({ sensor: { id: "051b03c9", friendlyId: "sensor 051b03c9" }, telemetry: { data: [{ key: "temperature", value: 1, unit: "°C" }] } });
    expect(await nosy.during(300)).toEqual([]);
    // A key without the mqtt scope does not get in.
    const restKey = await createApiKey(egress.db, tenantId, { name: "rest only", scopes: ["read"] });
    await expect(MqttCollector.connect(`mqtt://127.0.0.1:${brokerPort}`, { username: restKey.keyId, password: restKey.secret })).rejects.toThrow(/Bad username or password|Not authorized/i);
  });

  it("loses nothing while the broker is stopped and keeps each device's order; another tenant's target is not held up", async () => {
    const reader = await consumer("outage-reader");
    const target = await egress.target(tenantId, { kind: "BUILTIN_MQTT", name: "restarting broker", config: { topic: "devices/{sourceEurid}/telemetry" } });
    const other = await egress.tenant("builtin-independent");
    const otherTarget = await egress.target(other.id, { kind: "MQTT", name: "elsewhere", config: { url: mosquitto.url, topic: "elsewhere/{sourceEurid}", qos: 1 } });
    const elsewhere = await MqttCollector.connect(mosquitto.url, {});
    clients.push(elsewhere);
    await elsewhere.client.subscribeAsync("elsewhere/#", { qos: 1 });

    for (let i = 1; i <= 3; i++) await egress.enqueue(tenantId, target, [deliveryMessage("aa000001", i), deliveryMessage("bb000002", i)]);
    await reader.waitFor(6);

    await stopBroker();
    for (let i = 4; i <= 12; i++) await egress.enqueue(tenantId, target, [deliveryMessage("aa000001", i), deliveryMessage("bb000002", i)]);
    await egress.waitFor(async () => (await row(target)).status === "PAUSED", 15_000, "circuit open while the broker is away");
    const started = Date.now();
    await egress.enqueue(other.id, otherTarget, [deliveryMessage("cc000003", 1)]);
    await elsewhere.waitFor(1, 3000);
    expect(Date.now() - started).toBeLessThan(3000);

    await startBroker();
    await egress.waitFor(() => firstSeen(values(reader, "aa000001")).length >= 12 && firstSeen(values(reader, "bb000002")).length >= 12, 30_000, "every message after the restart");
    const expected = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(firstSeen(values(reader, "aa000001"))).toEqual(expected);
    expect(firstSeen(values(reader, "bb000002"))).toEqual(expected);
    await egress.waitFor(async () => (await row(target)).status === "HEALTHY", 10_000, "healthy again");
    expect((await listTargetDeadLetters(egress.db, tenantId, target)).total).toBe(0);
  });

  it("dead-letters batches while the broker stays away and replays them in order", async () => {
    const reader = await consumer("replay-reader");
    const target = await egress.target(tenantId, { kind: "BUILTIN_MQTT", name: "stays away", config: { delivery: { deadLetterAfterSeconds: 1 } } });
    await stopBroker();
    for (let i = 1; i <= 3; i++) await egress.enqueue(tenantId, target, [deliveryMessage("dd000004", i)]);
    await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 3, 20_000, "three dead letters");
    const letters = await listTargetDeadLetters(egress.db, tenantId, target);
    expect(letters.rows.map((r) => (r.payload as any).messages[0].message.telemetry.data[0].value)).toEqual([1, 2, 3]);
    // The first waited out its age; the device's later ones may not overtake it.
    expect(letters.rows.map((r) => r.reason)).toEqual(["MAX_AGE", "HELD", "HELD"]);

    await startBroker();
    expect(await replayDeadLetters(egress.deps, tenantId, target)).toEqual({ requested: 3 });
    await egress.waitFor(() => values(reader, "dd000004").length >= 3, 15_000, "replayed messages");
    expect(firstSeen(values(reader, "dd000004"))).toEqual([1, 2, 3]);
    await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 0, 5000, "dead letters emptied");
  });
});
