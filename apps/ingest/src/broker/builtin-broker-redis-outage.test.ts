// The built-in broker sharing sessions and messages through Redis must outlive a Redis restart:
// the fault tests (tests/faults/redis-restart.fault.ts) found it ending the process when its
// message bus lost the connection.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { MqttCollector, startTcpProxy } from "@tidewire/testkit";
import { BuiltinBroker, INTERNAL_USERNAME } from "./builtin-broker";

const internalSecret = "internal-secret-outage";
const redisUrl = new URL(process.env.REDIS_URL!);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("built-in broker sharing state through Redis", () => {
  it("keeps running while Redis is away and routes messages again once it is back", async () => {
    const proxy = await startTcpProxy(Number(redisUrl.port || 6379), redisUrl.hostname);
    cleanups.push(() => proxy.close());
    const warnings: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
    const broker = new BuiltinBroker({
      port: 0,
      host: "127.0.0.1",
      internalSecret,
      verifyApiKey: async (keyId, secret) => (keyId === "tw_outage" && secret === "s3cret" ? { tenantId: "tenant-outage", tenantSlug: "outage" } : null),
      log,
      shared: { redisUrl: `redis://127.0.0.1:${proxy.port}`, prefix: `${process.env.REDIS_PREFIX}:outage-${randomBytes(3).toString("hex")}` },
    });
    const { port } = await broker.listen();
    cleanups.push(() => broker.close());
    const url = `mqtt://127.0.0.1:${port}`;

    // Unheard "error" events of the broker's Redis connections would surface here as uncaught
    // exceptions (and end a broker process).
    await proxy.cut();
    await waitFor(() => warnings.some((w) => w.includes("Redis connection problem")), "the broker to notice Redis is away");
    await new Promise((r) => setTimeout(r, 1500));
    await proxy.restore();
    const reader = await MqttCollector.connect(url, { username: "tw_outage", password: "s3cret", clientId: "reader", reconnectPeriod: 0 });
    cleanups.push(() => reader.end());
    await reader.client.subscribeAsync("devices/+/telemetry", { qos: 1 });
    const internal = await MqttCollector.connect(url, { username: INTERNAL_USERNAME, password: internalSecret, clientId: "internal-after" });
    cleanups.push(() => internal.end());
    // Publish until one arrives: the message bus resubscribes on its own schedule after Redis returns.
    for (let i = 0; reader.messages.length === 0 && i < 100; i++) {
      await internal.client.publishAsync("tenants/tenant-outage/devices/0511aa00/telemetry", `{"n":${i}}`, { qos: 1 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(reader.messages[0]?.topic).toBe("devices/0511aa00/telemetry");
  });
});
