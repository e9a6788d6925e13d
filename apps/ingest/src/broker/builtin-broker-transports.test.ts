import { randomBytes } from "node:crypto";
import mqtt from "mqtt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MqttCollector, TestPki } from "@tidewire/testkit";
import { BuiltinBroker, INTERNAL_USERNAME } from "./builtin-broker";

// The built-in broker over each of its transports (mqtt, mqtts, websockets), set up as in
// production (shared through Redis): tenants log in with their API key, and tenant A can neither
// subscribe to nor receive anything of tenant B, whatever filter it tries.

const INTERNAL_SECRET = "internal-secret-123";
const keys: Record<string, { tenantId: string; tenantSlug: string; secret: string }> = {
  tw_a: { tenantId: "tenant-a", tenantSlug: "a", secret: "secret-a" },
  tw_b: { tenantId: "tenant-b", tenantSlug: "b", secret: "secret-b" },
};
const pki = new TestPki("built-in broker test CA");
let broker: BuiltinBroker;
const urls: Record<"mqtt" | "mqtts" | "ws", string> = { mqtt: "", mqtts: "", ws: "" };
const clients: MqttCollector[] = [];

beforeAll(async () => {
  const server = pki.issue("localhost", "server");
  broker = new BuiltinBroker({
    port: 0,
    wsPort: 0,
    tls: { port: 0, cert: server.certificate, key: server.privateKey },
    host: "127.0.0.1",
    internalSecret: INTERNAL_SECRET,
    verifyApiKey: async (keyId, secret) => {
      const key = keys[keyId];
      return key && key.secret === secret ? { tenantId: key.tenantId, tenantSlug: key.tenantSlug } : null;
    },
    log: pino({ level: "silent" }),
    shared: { redisUrl: process.env.REDIS_URL!, prefix: `${process.env.REDIS_PREFIX}:transports-${randomBytes(3).toString("hex")}` },
  });
  const ports = await broker.listen();
  urls.mqtt = `mqtt://127.0.0.1:${ports.port}`;
  urls.mqtts = `mqtts://localhost:${ports.tlsPort}`;
  urls.ws = `ws://127.0.0.1:${ports.wsPort}/mqtt`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await broker.close();
});

async function connect(transport: keyof typeof urls, key: string, secret: string) {
  const c = await MqttCollector.connect(urls[transport], { username: key, password: secret, ...(transport === "mqtts" ? { ca: pki.ca.certificate } : {}) });
  clients.push(c);
  return c;
}

describe.each(["mqtt", "mqtts", "ws"] as const)("built-in broker over %s", (transport) => {
  it("refuses a wrong API key", async () => {
    await expect(connect(transport, "tw_a", "wrong")).rejects.toThrow(/Bad username or password|Not authorized/i);
  });

  it("delivers a tenant's messages in its own topic space and nothing of another tenant, whatever the filter", async () => {
    const a = await connect(transport, "tw_a", "secret-a");
    // Filters that would reach tenant B's space if the mount point leaked.
    for (const filter of ["#", "+/#", "tenants/#", "tenants/tenant-b/#", "../tenant-b/#", "/#"]) await a.client.subscribeAsync(filter, { qos: 1 });
    await expect(a.client.subscribeAsync("$SYS/#", { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const b = await connect(transport, "tw_b", "secret-b");
    await b.client.subscribeAsync("devices/+/telemetry", { qos: 1 });

    const internal = await mqtt.connectAsync(urls.mqtt, { username: INTERNAL_USERNAME, password: INTERNAL_SECRET, reconnectPeriod: 0 });
    try {
      await internal.publishAsync("tenants/tenant-b/devices/0b0b0b0b/telemetry", "for b", { qos: 1 });
      // Tenant A writing into what looks like B's space only writes into its own.
      await a.client.publishAsync("tenants/tenant-b/devices/0a0a0a0a/telemetry", "a pretending", { qos: 1 });
      await b.client.publishAsync("devices/0c0c0c0c/telemetry", "b's own", { qos: 1 });
      await internal.publishAsync("tenants/tenant-a/devices/0d0d0d0d/telemetry", "for a", { qos: 1 });
    } finally {
      await internal.endAsync();
    }
    expect((await b.waitFor(2)).map((m) => [m.topic, m.payload]).sort()).toEqual([
      ["devices/0b0b0b0b/telemetry", "for b"],
      ["devices/0c0c0c0c/telemetry", "b's own"],
    ]);
    await a.waitFor(2);
    await a.during(300);
    // Several of A's filters match each of its messages; what matters is which messages it sees.
    const seenByA = new Map(a.messages.map((m) => [m.payload, m.topic]));
    expect([...seenByA.keys()].sort()).toEqual(["a pretending", "for a"]);
    expect(seenByA.get("for a")).toBe("devices/0d0d0d0d/telemetry");
    // A's publish stayed in A's space, under the name A gave it.
    expect(seenByA.get("a pretending")).toBe("tenants/tenant-b/devices/0a0a0a0a/telemetry");
    expect(await b.during(300)).toEqual([]);
  });
});
