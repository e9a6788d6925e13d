// EnOS as an egress target, against the EnOS emulator (packages/testkit): signed CONNECT, static
// and dynamic activation (device secret stored sealed), measure points renamed by the map and
// posted to the measure-point topic, replies checked; an EnOS answering errors for a while loses
// nothing and keeps order; one that stays down ends in the dead letters and replays, and does not
// hold up another tenant's delivery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTargetDeadLetters } from "@tidewire/db";
import { replayDeadLetters, testConnection } from "@tidewire/egress";
import { deliveryMessage, EnosEmulator, MqttCollector, startMosquitto } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let enos: EnosEmulator;
let tenantId: string;

beforeAll(async () => {
  enos = new EnosEmulator();
  enos.products.set("pk1", { productKey: "pk1", productSecret: "product-secret", dynamicActivation: true, measurePoints: ["temp"] });
  enos.devices.set("pk1/dev-static", { productKey: "pk1", deviceKey: "dev-static", deviceSecret: "device-secret", activated: true });
  enos.devices.set("pk1/dev-dynamic", { productKey: "pk1", deviceKey: "dev-dynamic", deviceSecret: "", activated: false });
  await enos.start();
  egress = await startEgress();
  tenantId = (await egress.tenant("enos-tenant")).id;
});

afterAll(async () => {
  await egress?.stop();
  await enos?.close();
});

const config = (deviceKey: string, extra: Record<string, unknown> = {}) => ({
  url: enos.url,
  productKey: "pk1",
  deviceKey,
  measurePointMap: { temperature: "temp" },
  unmappedKeys: "drop",
  ...extra,
});

describe("EnOS target", () => {
  it("reports a wrong device secret as an auth failure", async () => {
    expect(await testConnection("ENOS", config("dev-static"), { deviceSecret: "wrong" }, { allowPrivate: true, timeoutMs: 3000 })).toMatchObject({ ok: false, stage: "auth" });
    expect(await testConnection("ENOS", config("dev-static"), { deviceSecret: "device-secret" }, { allowPrivate: true, timeoutMs: 3000 })).toEqual({ ok: true });
  });

  it("posts mapped measure points with static activation, and keeps order through a period of error replies", async () => {
    const target = await egress.target(tenantId, { kind: "ENOS", name: "enos static", config: config("dev-static"), secrets: { deviceSecret: "device-secret" } });
    await egress.enqueue(tenantId, target, [deliveryMessage("11110001", 1), deliveryMessage("11110001", 2)]);
    await egress.waitFor(() => enos.posts.length >= 2, 10_000, "first posts");
    expect(enos.posts[0]).toEqual({ productKey: "pk1", deviceKey: "dev-static", measurepoints: { temp: 1 }, time: 1_700_000_001_000 });

    enos.failWithCode = 503;
    for (let i = 3; i <= 6; i++) await egress.enqueue(tenantId, target, [deliveryMessage("11110001", i)]);
    await egress.waitFor(async () => (await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } })).status === "PAUSED", 10_000, "paused");
    const row = await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } });
    expect(row.lastError).toMatch(/rejected: EnOS answered code 503/);
    enos.failWithCode = null;
    await egress.waitFor(() => enos.posts.length >= 6, 15_000, "posts after recovery");
    expect(enos.posts.map((p) => p.measurepoints.temp)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("activates dynamically once, stores the device secret sealed and logs in with it afterwards", async () => {
    const target = await egress.target(tenantId, { kind: "ENOS", name: "enos dynamic", config: config("dev-dynamic", { activation: "dynamic" }), secrets: { productSecret: "product-secret" } });
    const before = enos.posts.length;
    await egress.enqueue(tenantId, target, [deliveryMessage("22220002", 7)]);
    await egress.waitFor(() => enos.posts.length > before, 10_000, "post after activation");
    expect(enos.posts.at(-1)).toMatchObject({ deviceKey: "dev-dynamic", measurepoints: { temp: 7 } });
    const row = await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } });
    const state = egress.box.openJson<{ deviceSecret: string }>(row.stateEnc!);
    expect(state.deviceSecret).toBe(enos.devices.get("pk1/dev-dynamic")!.deviceSecret);
    expect(row.stateEnc).not.toContain(state.deviceSecret);
    expect(enos.logins.filter((l) => l.deviceKey === "dev-dynamic").map((l) => l.secureMode)).toEqual([3, 2]);
  });

  it("dead-letters posts EnOS keeps refusing and replays them in order once it accepts them; another tenant's delivery is not held up", async () => {
    const target = await egress.target(tenantId, {
      kind: "ENOS",
      name: "enos refusing",
      config: config("dev-static", { clientId: "refusing", delivery: { deadLetterAfterSeconds: 1 } }),
      secrets: { deviceSecret: "device-secret" },
    });
    enos.failWithCode = 500;
    for (let i = 20; i <= 22; i++) await egress.enqueue(tenantId, target, [deliveryMessage("33330003", i)]);
    const mosquitto = await startMosquitto();
    const elsewhere = await MqttCollector.connect(mosquitto.url, {});
    try {
      await elsewhere.client.subscribeAsync("elsewhere/#", { qos: 1 });
      const other = await egress.tenant("enos-other");
      const otherTarget = await egress.target(other.id, { kind: "MQTT", name: "elsewhere", config: { url: mosquitto.url, topic: "elsewhere/{sourceEurid}", qos: 1 } });
      const started = Date.now();
      await egress.enqueue(other.id, otherTarget, [deliveryMessage("e15e0002", 1)]);
      await elsewhere.waitFor(1, 3000);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await elsewhere.end();
      await mosquitto.dispose();
    }
    await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 3, 15_000, "dead letters");
    enos.failWithCode = null;
    const before = enos.posts.length;
    await replayDeadLetters(egress.deps, tenantId, target);
    await egress.waitFor(() => enos.posts.length >= before + 3, 10_000, "replayed posts");
    expect(enos.posts.slice(before).map((p) => p.measurepoints.temp)).toEqual([20, 21, 22]);
  });
});
