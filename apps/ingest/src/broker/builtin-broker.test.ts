import mqtt, { type MqttClient } from "mqtt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuiltinBroker, INTERNAL_USERNAME } from "./builtin-broker";

const keys: Record<string, { tenantId: string; tenantSlug: string; secret: string }> = {
  tw_a: { tenantId: "tenant-a", tenantSlug: "a", secret: "secret-a" },
  tw_b: { tenantId: "tenant-b", tenantSlug: "b", secret: "secret-b" },
};

let broker: BuiltinBroker;
let url: string;
let wsUrl: string;
const clients: MqttClient[] = [];

async function connect(username: string, password: string, target = url): Promise<MqttClient> {
  const client = mqtt.connect(target, { username, password, reconnectPeriod: 0, connectTimeout: 5000 });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
  return client;
}

function nextMessage(client: MqttClient, ms = 1500): Promise<{ topic: string; payload: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off("message", onMessage);
      resolve(null);
    }, ms);
    const onMessage = (topic: string, payload: Buffer) => {
      clearTimeout(timer);
      client.off("message", onMessage);
      resolve({ topic, payload: payload.toString() });
    };
    client.on("message", onMessage);
  });
}

beforeAll(async () => {
  broker = new BuiltinBroker({
    port: 0,
    wsPort: 0,
    host: "127.0.0.1",
    internalSecret: "internal-secret-123",
    verifyApiKey: async (keyId, secret) => {
      const key = keys[keyId];
      return key && key.secret === secret ? { tenantId: key.tenantId, tenantSlug: key.tenantSlug } : null;
    },
    log: pino({ level: "silent" }),
  });
  const ports = await broker.listen();
  url = `mqtt://127.0.0.1:${ports.port}`;
  wsUrl = `ws://127.0.0.1:${ports.wsPort}/mqtt`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.close();
});

describe("built-in broker", () => {
  it("refuses a wrong API key secret", async () => {
    await expect(connect("tw_a", "wrong")).rejects.toThrow(/Bad username or password|Not authorized/i);
  });

  it("delivers a tenant's messages under its own topic space, without the internal prefix", async () => {
    const a = await connect("tw_a", "secret-a");
    await a.subscribeAsync("devices/+/telemetry", { qos: 1 });
    const internal = await connect(INTERNAL_USERNAME, "internal-secret-123");
    const received = nextMessage(a);
    await internal.publishAsync("tenants/tenant-a/devices/051b03c9/telemetry", '{"x":1}', { qos: 1 });
    expect(await received).toEqual({ topic: "devices/051b03c9/telemetry", payload: '{"x":1}' });
  });

  it("never shows tenant B's messages to tenant A, even with a # subscription", async () => {
    const a = await connect("tw_a", "secret-a");
    await a.subscribeAsync("#", { qos: 1 });
    const b = await connect("tw_b", "secret-b");
    await b.subscribeAsync("#", { qos: 1 });
    const internal = await connect(INTERNAL_USERNAME, "internal-secret-123");
    const atA = nextMessage(a);
    const atB = nextMessage(b);
    await internal.publishAsync("tenants/tenant-b/devices/01020304/telemetry", "for-b", { qos: 1 });
    expect(await atB).toEqual({ topic: "devices/01020304/telemetry", payload: "for-b" });
    expect(await atA).toBeNull();
  });

  it("keeps a tenant's own publishes inside its space", async () => {
    const a = await connect("tw_a", "secret-a");
    await a.subscribeAsync("chat", { qos: 1 });
    const b = await connect("tw_b", "secret-b");
    await b.subscribeAsync("chat", { qos: 1 });
    const atA = nextMessage(a);
    const atB = nextMessage(b);
    await a.publishAsync("chat", "hello from a", { qos: 1 });
    expect(await atA).toEqual({ topic: "chat", payload: "hello from a" });
    expect(await atB).toBeNull();
  });

  it("stops delivering after the tenant unsubscribes", async () => {
    const a = await connect("tw_a", "secret-a");
    await a.subscribeAsync("devices/+/telemetry", { qos: 1 });
    await a.unsubscribeAsync("devices/+/telemetry");
    const internal = await connect(INTERNAL_USERNAME, "internal-secret-123");
    const received = nextMessage(a, 800);
    await internal.publishAsync("tenants/tenant-a/devices/aa/telemetry", "late", { qos: 1 });
    expect(await received).toBeNull();
  });

  it("refuses $SYS subscriptions from tenants", async () => {
    const a = await connect("tw_a", "secret-a");
    // The broker answers SUBACK 128 (failure); mqtt.js turns that into an error.
    await expect(a.subscribeAsync("$SYS/#")).rejects.toThrow(/Subscribe error/);
  });

  it("serves tenants over websockets too", async () => {
    const a = await connect("tw_a", "secret-a", wsUrl);
    await a.subscribeAsync("devices/#", { qos: 1 });
    const internal = await connect(INTERNAL_USERNAME, "internal-secret-123");
    const received = nextMessage(a);
    await internal.publishAsync("tenants/tenant-a/devices/ws/telemetry", "via ws", { qos: 1 });
    expect(await received).toEqual({ topic: "devices/ws/telemetry", payload: "via ws" });
  });
});
