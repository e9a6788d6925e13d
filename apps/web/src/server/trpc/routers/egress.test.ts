import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryQueueName } from "@tidewire/config";
import { createTenantFixture, type TenantFixture } from "@tidewire/testkit";
import { callerAs, sessionOf } from "../../testing/callers";
import { services } from "../../services";

let fx: TenantFixture;
let owner: Awaited<ReturnType<typeof callerAs>>;
let redis: Redis;

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_EGRESS = "true";
  fx = await createTenantFixture(services().db, "egress");
  owner = await callerAs(sessionOf(fx.owner));
  redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
});
afterAll(() => redis.disconnect());

const mqttTarget = (over: Record<string, unknown> = {}) => ({
  kind: "MQTT" as const,
  name: "Building MQTT",
  config: { url: process.env.MQTT_TEST_URL!, topic: "tidewire-test/{sourceEurid}", username: "tidewire", ...over },
  secrets: { password: "broker-password-1" },
});

describe("egress targets", () => {
  it("keep secrets write-only: the answer names which are set, never their values", async () => {
    const target = await owner.egress.create(mqttTarget());
    expect(target).toMatchObject({ kind: "MQTT", secretFields: ["password"], config: { qos: 1, retain: false, rejectUnauthorized: true } });
    expect(JSON.stringify(target)).not.toContain("broker-password-1");
    const stored = await services().db.egressTarget.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored.secretsEnc).not.toContain("broker-password-1");
    expect(services().box.openJson(stored.secretsEnc!)).toEqual({ password: "broker-password-1" });
    // Leaving a secret out keeps it; null removes it.
    const renamed = await owner.egress.update({ id: target.id, name: "Renamed", config: { url: process.env.MQTT_TEST_URL!, topic: "x/{eep}", username: "tidewire" } });
    expect(renamed.secretFields).toEqual(["password"]);
    const cleared = await owner.egress.update({ id: target.id, secrets: { password: null } });
    expect(cleared.secretFields).toEqual([]);
  });

  it("check each kind's settings and say which field is wrong", async () => {
    await expect(owner.egress.create({ kind: "MQTT", name: "x", config: { url: "http://example.com" } })).rejects.toThrow(/config.url: expected mqtt:\/\//);
    await expect(owner.egress.create({ kind: "AZURE_IOT_HUB", name: "hub", config: {} })).rejects.toThrow(/secrets.connectionString: required for Azure IoT Hub/);
    await expect(owner.egress.create({ kind: "MQTT", name: "x", config: { url: "mqtt://example.com", topic: "a/#" } })).rejects.toThrow(/wildcards/);
    await expect(owner.egress.create({ kind: "BUILTIN_MQTT", name: "x", config: {}, secrets: { password: "nope" } })).rejects.toThrow(/secrets/);
    await expect(owner.egress.create({ kind: "MQTT", name: "x", config: { url: "mqtt://example.com" }, secrets: { password: "p" } })).rejects.toThrow(/config.username: a password needs a user name/);
  });

  it("refuse private broker addresses unless the installation allows them", async () => {
    services().config.ALLOW_PRIVATE_EGRESS = false;
    try {
      await expect(owner.egress.create(mqttTarget({ url: "mqtt://127.0.0.1:1883" }))).rejects.toThrow(/private or loopback address/);
      const probe = await owner.egress.testSettings({ kind: "MQTT", config: { url: "mqtt://10.1.2.3:1883" } });
      expect(probe).toMatchObject({ ok: false, stage: "address" });
    } finally {
      services().config.ALLOW_PRIVATE_EGRESS = true;
    }
  });

  it("tell the workers when a target changes", async () => {
    const sub = redis.duplicate();
    const seen: string[] = [];
    sub.on("message", (_c, id) => seen.push(id));
    await sub.subscribe(`${process.env.REDIS_PREFIX}:targets-changed`);
    const target = await owner.egress.create({ kind: "BUILTIN_MQTT", name: "Built-in", config: {} });
    await owner.egress.setEnabled({ id: target.id, enabled: false });
    await owner.egress.delete({ id: target.id });
    await expect.poll(() => seen.filter((id) => id === target.id).length, { timeout: 5000 }).toBe(3);
    sub.disconnect();
  });

  it("put dead letters back on the target's BullMQ queue, in the stored shape, and mark them replayed", async () => {
    const target = await owner.egress.create(mqttTarget());
    const db = services().db;
    const batch = (n: number) => ({
      v: 1,
      tenantId: fx.tenant.id,
      targetId: target.id,
      messages: [{ telegramId: `t${n}`, sourceEurid: "051b03c9", eep: "A5-09-09", friendlyId: "co2", location: "", tags: [], message: { n } }],
    });
    const letters = await Promise.all([1, 2].map((n) => db.deadLetter.create({ data: { tenantId: fx.tenant.id, targetId: target.id, payload: batch(n), error: "refused", attempts: 8 } })));
    // A stored batch naming another target is never sent anywhere.
    const foreign = await db.deadLetter.create({ data: { tenantId: fx.tenant.id, targetId: target.id, payload: { ...batch(3), targetId: "other" }, error: "x", attempts: 1 } });
    expect((await owner.egress.deadLetters({ id: target.id })).total).toBe(3);

    const result = await owner.egress.replay({ id: target.id });
    expect(result).toEqual({ replayed: 2, skipped: [{ id: foreign.id, reason: "the stored batch belongs to another target" }] });
    const queue = new Queue(deliveryQueueName(target.id), { connection: redis, prefix: process.env.REDIS_PREFIX! });
    const jobs = await queue.getJobs(["waiting"]);
    expect(jobs.map((j) => j.data).sort((a, b) => a.messages[0].telegramId.localeCompare(b.messages[0].telegramId))).toEqual([batch(1), batch(2)]);
    await queue.close();
    expect((await owner.egress.deadLetters({ id: target.id })).rows.map((r) => r.id)).toEqual([foreign.id]);
    expect((await db.deadLetter.findUniqueOrThrow({ where: { id: letters[0]!.id } })).replayedAt).not.toBeNull();
  });
});

describe("test connection", () => {
  it("connects to an MQTT broker, publishes the probe on the target's topic and receives it", async () => {
    const target = await owner.egress.create(mqttTarget());
    const result = await owner.egress.test({ id: target.id });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("received the probe published on tidewire-test/tidewire-connection-test") });
  });

  it("says the broker could not be reached at the connect stage", async () => {
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: "mqtt://127.0.0.1:1" } });
    expect(result).toMatchObject({ ok: false, stage: "connect" });
  });

  it("says a host name does not resolve at the dns stage", async () => {
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: "mqtt://no-such-host.invalid:1883" } });
    expect(result).toMatchObject({ ok: false, stage: "dns", message: expect.stringContaining("no-such-host.invalid") });
  });

  it("says which field is wrong at the config stage, before connecting anywhere", async () => {
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: "ftp://x" } });
    expect(result).toMatchObject({ ok: false, stage: "config" });
  });

  it("uses the stored secrets when testing a saved target being edited", async () => {
    const target = await owner.egress.create(mqttTarget());
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: process.env.MQTT_TEST_URL!, topic: "p/{eep}", username: "tidewire" }, targetId: target.id });
    expect(result.ok).toBe(true);
  });
});
