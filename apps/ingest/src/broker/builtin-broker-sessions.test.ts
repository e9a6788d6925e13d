import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import mqtt from "mqtt";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { MqttCollector } from "@tidewire/testkit";
import { BuiltinBroker, INTERNAL_USERNAME } from "./builtin-broker";

// Persistent sessions (clean=false, QoS 1) of the built-in broker, kept in memory (one broker
// process) and in Redis (several processes): what is published while a session is away is
// delivered when it returns, at most BROKER_MAX_OFFLINE_MESSAGES of it (the oldest dropped and
// counted); client ids are per tenant; with Redis a client of one broker process receives what is
// published through another, and a session outlives the process it was opened on.

const INTERNAL_SECRET = "internal-secret-123";
const MAX_OFFLINE = 5;
const keys: Record<string, { tenantId: string; tenantSlug: string; secret: string }> = {
  tw_a: { tenantId: "tenant-a", tenantSlug: "a", secret: "secret-a" },
  tw_b: { tenantId: "tenant-b", tenantSlug: "b", secret: "secret-b" },
};
const redisUrl = process.env.REDIS_URL!;
const brokers: BuiltinBroker[] = [];
const clients: MqttCollector[] = [];

async function startBroker(shared?: { redisUrl: string; prefix: string }, registry = new Registry(), maxOfflineMessages = MAX_OFFLINE) {
  const broker = new BuiltinBroker({
    port: 0,
    host: "127.0.0.1",
    internalSecret: INTERNAL_SECRET,
    verifyApiKey: async (keyId, secret) => {
      const key = keys[keyId];
      return key && key.secret === secret ? { tenantId: key.tenantId, tenantSlug: key.tenantSlug } : null;
    },
    log: pino({ level: "silent" }),
    maxOfflineMessages,
    registry,
    ...(shared ? { shared } : {}),
  });
  brokers.push(broker);
  const { port } = await broker.listen();
  return { broker, url: `mqtt://127.0.0.1:${port}`, registry };
}

async function stopBroker(broker: BuiltinBroker) {
  brokers.splice(brokers.indexOf(broker), 1);
  await broker.close();
}

async function client(url: string, key: "tw_a" | "tw_b", options: { clientId?: string; clean?: boolean } = {}) {
  const c = await MqttCollector.connect(url, { username: key, password: keys[key]!.secret, clientId: options.clientId ?? `c-${randomBytes(4).toString("hex")}`, clean: options.clean ?? true });
  clients.push(c);
  return c;
}

/** Disconnects a session and waits until its broker has booked it as away. */
async function goAway(broker: BuiltinBroker, c: MqttCollector) {
  const gone = once(broker.aedes, "clientDisconnect");
  await c.end();
  await gone;
  await broker.settled();
}

async function publish(url: string, tenantId: string, messages: string[], topic = "devices/051b03c9/telemetry") {
  const internal = await mqtt.connectAsync(url, { username: INTERNAL_USERNAME, password: INTERNAL_SECRET, reconnectPeriod: 0 });
  try {
    for (const m of messages) await internal.publishAsync(`tenants/${tenantId}/${topic}`, m, { qos: 1 });
  } finally {
    await internal.endAsync();
  }
}

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);
const droppedCount = async (registry: Registry, tenant: string) =>
  (await registry.getSingleMetric("tidewire_broker_offline_dropped_total")!.get()).values.find((v) => v.labels.tenant === tenant)?.value ?? 0;

/** aedes acknowledges a QoS 1 publish before it queues the message for the sessions, so the
 * tests wait for the queueing to show (here: the drop count) rather than for the PUBACK. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
});

afterAll(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

describe.each([
  ["in memory", () => undefined],
  ["in Redis", () => ({ redisUrl, prefix: `${process.env.REDIS_PREFIX}:broker-${randomBytes(3).toString("hex")}` })],
])("built-in broker sessions %s", (_mode, sharing) => {
  it("keeps QoS 1 messages for a persistent session that is away and delivers them, in order, when it returns", async () => {
    const { broker, url } = await startBroker(sharing());
    const reader = await client(url, "tw_a", { clientId: "reader", clean: false });
    await reader.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
    await publish(url, "tenant-a", ["m1"]);
    await reader.waitFor(1);
    await goAway(broker, reader);

    await publish(url, "tenant-a", numbered(2, 4));
    const back = await client(url, "tw_a", { clientId: "reader", clean: false });
    expect((await back.waitFor(3)).map((m) => [m.topic, m.payload])).toEqual([
      ["devices/051b03c9/telemetry", "m2"],
      ["devices/051b03c9/telemetry", "m3"],
      ["devices/051b03c9/telemetry", "m4"],
    ]);
    // The session's subscription came back with it.
    await publish(url, "tenant-a", ["m5"]);
    expect((await back.waitFor(4)).at(-1)).toEqual({ topic: "devices/051b03c9/telemetry", payload: "m5" });
  });

  it("keeps at most BROKER_MAX_OFFLINE_MESSAGES for a session that is away: the oldest are dropped and counted", async () => {
    const { broker, url, registry } = await startBroker(sharing());
    const reader = await client(url, "tw_a", { clientId: "bounded", clean: false });
    await reader.client.subscribeAsync("devices/#", { qos: 1 });
    await goAway(broker, reader);

    await publish(url, "tenant-a", numbered(1, MAX_OFFLINE + 3));
    await waitUntil(async () => (await droppedCount(registry, "tenant-a")) >= 3, "three drops");
    expect(await droppedCount(registry, "tenant-a")).toBe(3);
    const back = await client(url, "tw_a", { clientId: "bounded", clean: false });
    await back.waitFor(MAX_OFFLINE);
    expect(await back.during(300)).toEqual([]);
    expect(back.messages.map((m) => m.payload)).toEqual(numbered(4, MAX_OFFLINE + 3));
  });

  it("resumes a session while messages keep arriving: CONNACK first, then every message once, in order", async () => {
    const { broker, url } = await startBroker(sharing(), new Registry(), 1000);
    const reader = await client(url, "tw_a", { clientId: "busy", clean: false });
    await reader.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
    await goAway(broker, reader);
    // aedes restores the session's subscriptions before its CONNACK and replays its queue after
    // it; messages arriving in between must neither precede the CONNACK nor overtake the queue.
    const internal = await mqtt.connectAsync(url, { username: INTERNAL_USERNAME, password: INTERNAL_SECRET, reconnectPeriod: 0 });
    const sent: string[] = [];
    const publishing = (async () => {
      for (let i = 1; i <= 60; i++) {
        sent.push(`m${i}`);
        await internal.publishAsync("tenants/tenant-a/devices/051b03c9/telemetry", `m${i}`, { qos: 1 });
      }
    })();
    await new Promise((r) => setTimeout(r, 10));
    try {
      const back = await client(url, "tw_a", { clientId: "busy", clean: false });
      await publishing;
      await back.waitFor(60);
      expect(await back.during(300)).toEqual([]);
      expect(back.messages.map((m) => m.payload)).toEqual(sent.slice(0, 60));
    } finally {
      await publishing.catch(() => {});
      await internal.endAsync();
    }
  });

  it("keeps client ids per tenant: another tenant's client with the same id neither takes the session over nor gets its messages", async () => {
    const { broker, url } = await startBroker(sharing());
    const a = await client(url, "tw_a", { clientId: "shared-name", clean: false });
    await a.client.subscribeAsync("devices/#", { qos: 1 });
    const b = await client(url, "tw_b", { clientId: "shared-name", clean: false });
    await b.client.subscribeAsync("#", { qos: 1 });
    // Both stay connected: neither connection replaced the other.
    expect(a.client.connected && b.client.connected).toBe(true);
    await goAway(broker, a);
    await publish(url, "tenant-a", ["for a"]);
    const bAgain = await client(url, "tw_b", { clientId: "shared-name", clean: false });
    expect(await bAgain.during(500)).toEqual([]);
    expect(b.messages).toEqual([]);
    const aAgain = await client(url, "tw_a", { clientId: "shared-name", clean: false });
    expect(await aAgain.waitFor(1)).toEqual([{ topic: "devices/051b03c9/telemetry", payload: "for a" }]);
  });
});

describe("built-in broker processes sharing Redis", () => {
  const shared = () => ({ redisUrl, prefix: `${process.env.REDIS_PREFIX}:brokers-${randomBytes(3).toString("hex")}` });

  it("delivers to a client of process A what is published through process B, and nothing of another tenant", async () => {
    const sharing = shared();
    const a = await startBroker(sharing);
    const b = await startBroker(sharing);
    const readerA = await client(a.url, "tw_a");
    await readerA.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
    const everythingB = await client(a.url, "tw_b");
    await everythingB.client.subscribeAsync("#", { qos: 1 });
    await publish(b.url, "tenant-a", ["via b"]);
    expect(await readerA.waitFor(1)).toEqual([{ topic: "devices/051b03c9/telemetry", payload: "via b" }]);
    expect(await everythingB.during(300)).toEqual([]);
  });

  it("keeps a session in Redis beyond the process it was opened on: queued through another process, delivered by a new one", async () => {
    const sharing = shared();
    const first = await startBroker(sharing);
    const other = await startBroker(sharing);
    const reader = await client(first.url, "tw_a", { clientId: "roaming", clean: false });
    await reader.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
    await goAway(first.broker, reader);
    await stopBroker(first.broker);

    await publish(other.url, "tenant-a", numbered(1, MAX_OFFLINE + 2));
    await waitUntil(async () => (await droppedCount(other.registry, "tenant-a")) >= 2, "two drops");
    const restarted = await startBroker(sharing);
    const back = await client(restarted.url, "tw_a", { clientId: "roaming", clean: false });
    await back.waitFor(MAX_OFFLINE);
    expect(await back.during(300)).toEqual([]);
    expect(back.messages.map((m) => m.payload)).toEqual(numbered(3, MAX_OFFLINE + 2));

    // Acknowledged and dropped messages alike leave nothing behind in Redis.
    await back.end();
    const redis = new Redis(redisUrl);
    try {
      const leftovers = await redis.keys(`${sharing.prefix}:broker:packet:*`);
      expect(leftovers).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
