/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// The tenant's own MQTT broker as an egress target, against a real Mosquitto: auth, topic and
// payload; a broker restart and an outage lose nothing and keep per-device order; a target that
// stays down ends in the dead letters and replays from there; one tenant's failing target does
// not delay another tenant's delivery.
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devicesWithDeadLetters, listTargetDeadLetters } from "@tidewire/db";
import { egressTargetStatus, purgeDeadLetters, replayDeadLetters, setEgressTargetEnabled, testConnection } from "@tidewire/egress";
import { deliveryMessage, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let broker: MosquittoInstance;
let tenantId: string;

async function subscribe(url: string, topic: string) {
  const client = mqtt.connect(url, { username: "reader", password: "reader-pass", reconnectPeriod: 200, clean: false, clientId: `reader-${Math.random().toString(36).slice(2)}` });
  const received: { topic: string; body: Record<string, any> }[] = [];
  client.on("message", (t, payload) => received.push({ topic: t, body: JSON.parse(payload.toString()) }));
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  await client.subscribeAsync(topic, { qos: 1 });
  return { client, received };
}

const temps = (rs: { body: Record<string, any> }[], eurid: string) =>
  rs.filter((r) => r.body.sensor?.id === eurid || r.body.id === eurid).map((r) => r.body.telemetry?.data?.[0]?.value ?? r.body.values?.temperature);

beforeAll(async () => {
  broker = await startMosquitto({ users: { tidewire: "tw-pass-123", reader: "reader-pass" } });
  egress = await startEgress();
  tenantId = (await egress.tenant("mqtt-tenant")).id;
});

afterAll(async () => {
  await egress?.stop();
  await broker?.dispose();
});

describe("MQTT target", () => {
  it("publishes each message with the target's credentials on the expanded topic, as IoTC JSON or compact key/values", async () => {
    const sub = await subscribe(broker.url, "site/#");
    const iotc = await egress.target(tenantId, {
      kind: "MQTT",
      name: "own broker",
      config: { url: broker.url, username: "tidewire", topic: "site/{tenant}/{eep}/{sourceEurid}", qos: 1 },
      secrets: { password: "tw-pass-123" },
    });
    const compact = await egress.target(tenantId, {
      kind: "MQTT",
      name: "compact",
      config: { url: broker.url, username: "tidewire", topic: "site/compact/{friendlyId}", qos: 1 },
      secrets: { password: "tw-pass-123" },
      payloadFormat: "COMPACT",
    });
    await egress.enqueue(tenantId, iotc, [deliveryMessage("01020304", 1)]);
    await egress.enqueue(tenantId, compact, [deliveryMessage("01020304", 2)]);
    await egress.waitFor(() => sub.received.length >= 2, 10_000, "two messages");
    const full = sub.received.find((r) => r.topic === "site/mqtt-tenant/A5-02-05/01020304")!;
    expect(full.body.sensor).toEqual({ friendlyId: "sensor 01020304", id: "01020304", location: "Lab" });
    expect(full.body.telemetry.data).toEqual([{ key: "temperature", value: 1, unit: "°C" }]);
    const small = sub.received.find((r) => r.topic === "site/compact/sensor 01020304")!;
    expect(small.body).toMatchObject({ id: "01020304", eep: "A5-02-05", values: { temperature: 2 }, timestamp: 1_700_000_002, rssi: 60 });
    await sub.client.endAsync();
  });

  it("reports a wrong password as an auth failure and a wrong port as a tcp failure in test connection", async () => {
    const base = { url: broker.url, username: "tidewire", topic: "probe/{sourceEurid}", qos: 1 };
    expect(await testConnection("MQTT", base, { password: "tw-pass-123" }, { allowPrivate: true, timeoutMs: 3000 })).toEqual({ ok: true });
    expect(await testConnection("MQTT", base, { password: "wrong" }, { allowPrivate: true, timeoutMs: 3000 })).toMatchObject({ ok: false, stage: "auth" });
    expect(await testConnection("MQTT", { ...base, url: "mqtt://127.0.0.1:1" }, {}, { allowPrivate: true, timeoutMs: 3000 })).toMatchObject({ ok: false, stage: "tcp" });
    expect(await testConnection("MQTT", base, {}, { allowPrivate: false, timeoutMs: 3000 })).toMatchObject({ ok: false, stage: "address" });
    expect(await testConnection("MQTT", { ...base, url: "mqtt://no-such-host.invalid" }, {}, { allowPrivate: false, timeoutMs: 3000 })).toMatchObject({ ok: false, stage: "dns" });
  });

  it("loses nothing across a broker restart and an outage, in order per device", async () => {
    const target = await egress.target(tenantId, {
      kind: "MQTT",
      name: "restarting broker",
      config: { url: broker.url, username: "tidewire", topic: "order/{sourceEurid}", qos: 1 },
      secrets: { password: "tw-pass-123" },
    });
    const received: { topic: string; body: Record<string, any> }[] = [];
    const collect = async () => {
      const s = await subscribe(broker.url, "order/#");
      s.client.on("message", (t, p) => received.push({ topic: t, body: JSON.parse(p.toString()) }));
      return s.client;
    };
    let reader = await collect();
    for (let i = 1; i <= 5; i++) await egress.enqueue(tenantId, target, [deliveryMessage("aaaa0001", i), deliveryMessage("bbbb0002", i)]);
    await egress.waitFor(() => received.length >= 10, 10_000, "first messages");

    // Outage: the broker is stopped while telegrams keep coming, then it comes back.
    await reader.endAsync(true);
    await broker.stop();
    for (let i = 6; i <= 15; i++) await egress.enqueue(tenantId, target, [deliveryMessage("aaaa0001", i), deliveryMessage("bbbb0002", i)]);
    await egress.waitFor(async () => (await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } })).status === "PAUSED", 10_000, "circuit open");
    await broker.start();
    reader = await collect();
    await egress.waitFor(() => temps(received, "aaaa0001").length >= 15 && temps(received, "bbbb0002").length >= 15, 20_000, "all messages after the outage");
    const expected = Array.from({ length: 15 }, (_, i) => i + 1);
    // At least once: a batch in flight during the restart may come twice; first arrivals keep order.
    const firstSeen = (xs: number[]) => xs.filter((x, i) => xs.indexOf(x) === i);
    expect(firstSeen(temps(received, "aaaa0001"))).toEqual(expected);
    expect(firstSeen(temps(received, "bbbb0002"))).toEqual(expected);
    await egress.waitFor(async () => (await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } })).status === "HEALTHY", 5000, "healthy again");
    const status = await egressTargetStatus(egress.deps, tenantId, target);
    await egress.waitFor(async () => (await egressTargetStatus(egress.deps, tenantId, target)).counters.delivered >= 30n, 5000, "counters flushed");
    expect(status.deadLetters).toBe(0);
    const row = await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } });
    expect(row.failed).toBeGreaterThan(0n);
    expect(row.retried).toBeGreaterThan(0n);
    expect(row.lastSuccessAt).not.toBeNull();
    await reader.endAsync(true);
  });

  it("moves batches of a target that stays down to the dead letters in order, holds the device's later messages, and replays them in order", async () => {
    const down = await startMosquitto({ users: { tidewire: "tw-pass-123", reader: "reader-pass" } });
    const other = await egress.tenant("other-tenant");
    try {
      const target = await egress.target(tenantId, {
        kind: "MQTT",
        name: "stays down",
        config: { url: down.url, username: "tidewire", topic: "dl/{sourceEurid}", qos: 1, delivery: { deadLetterAfterSeconds: 1 } },
        secrets: { password: "tw-pass-123" },
      });
      // Another tenant's healthy target is not delayed by this one.
      const healthy = await egress.target(other.id, {
        kind: "MQTT",
        name: "healthy",
        config: { url: broker.url, username: "tidewire", topic: "healthy/{sourceEurid}", qos: 1 },
        secrets: { password: "tw-pass-123" },
      });
      const healthySub = await subscribe(broker.url, "healthy/#");
      await down.stop();
      for (let i = 1; i <= 4; i++) await egress.enqueue(tenantId, target, [deliveryMessage("cccc0003", i)]);
      const started = Date.now();
      await egress.enqueue(other.id, healthy, [deliveryMessage("dddd0004", 1)]);
      await egress.waitFor(() => healthySub.received.length === 1, 3000, "the other tenant's message");
      expect(Date.now() - started).toBeLessThan(3000);

      await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 4, 20_000, "four dead letters");
      const letters = await listTargetDeadLetters(egress.db, tenantId, target);
      expect(letters.rows.map((r) => (r.payload as any).messages[0].message.telemetry.data[0].value)).toEqual([1, 2, 3, 4]);
      expect(letters.rows[0]!.reason).toBe("MAX_AGE");

      // The broker is back: a new message of the same device must wait behind its dead letters.
      await down.start();
      const sub = await subscribe(down.url, "dl/#");
      await egress.enqueue(tenantId, target, [deliveryMessage("cccc0003", 5), deliveryMessage("eeee0005", 1)]);
      await egress.waitFor(() => sub.received.some((r) => r.topic === "dl/eeee0005"), 10_000, "the other device's message");
      expect(temps(sub.received, "cccc0003")).toEqual([]);
      const held = await listTargetDeadLetters(egress.db, tenantId, target);
      expect(held.rows.at(-1)).toMatchObject({ reason: "HELD", devices: ["cccc0003"] });

      expect(await replayDeadLetters(egress.deps, tenantId, target)).toEqual({ requested: 5 });
      await egress.waitFor(() => temps(sub.received, "cccc0003").length >= 5, 15_000, "replayed messages");
      expect(temps(sub.received, "cccc0003")).toEqual([1, 2, 3, 4, 5]);
      await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 0, 5000, "dead letters emptied");

      // After the replay the device is no longer held.
      await egress.enqueue(tenantId, target, [deliveryMessage("cccc0003", 6)]);
      await egress.waitFor(() => temps(sub.received, "cccc0003").includes(6), 10_000, "a new message after the replay");
      const row = await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } });
      expect(row.deadLettered).toBe(5n);
      await sub.client.endAsync(true);
      await healthySub.client.endAsync(true);
    } finally {
      await down.dispose();
    }
  });

  it("bounds the backlog: over the limit the oldest batches go to the dead letters, counted as overflow, the device's later ones are held, and purge releases the device", async () => {
    const down = await startMosquitto();
    try {
      await down.stop();
      // The backlog is built while the target is disabled, so the runner finds all eight batches
      // waiting: how many overflow must not depend on how fast they were queued.
      const target = await egress.target(tenantId, {
        kind: "MQTT",
        name: "bounded",
        enabled: false,
        config: { url: down.url, topic: "b/{sourceEurid}", qos: 1, delivery: { maxBacklog: 3 } },
      });
      for (let i = 1; i <= 8; i++) await egress.enqueue(tenantId, target, [deliveryMessage("ffff0006", i)]);
      await setEgressTargetEnabled(egress.deps, tenantId, target, true);
      await egress.manager.refresh();
      await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 8, 15_000, "eight dead letters");
      const letters = await listTargetDeadLetters(egress.db, tenantId, target);
      // Batches 1-4 leave the backlog at the bound of 3; 5-8 may not overtake them, so they are held.
      expect(letters.rows.map((r) => (r.payload as any).messages[0].message.telemetry.data[0].value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(letters.rows.map((r) => r.reason)).toEqual(["OVERFLOW", "OVERFLOW", "OVERFLOW", "OVERFLOW", "HELD", "HELD", "HELD", "HELD"]);
      const row = await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } });
      expect(row.overflowed).toBe(4n);
      expect(row.deadLettered).toBe(8n);
      expect(await purgeDeadLetters(egress.deps, tenantId, target)).toEqual({ purged: 8 });
      expect(await devicesWithDeadLetters(egress.db, tenantId, target, ["ffff0006"])).toEqual(new Set());
    } finally {
      await down.dispose();
    }
  });
});
