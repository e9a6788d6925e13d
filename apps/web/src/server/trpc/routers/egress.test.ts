import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDeadLetter } from "@tidewire/db";
import { deliveryQueueName, REPLAY_JOB } from "@tidewire/egress";
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

/** The field-level problems a refusal carries (what the portal's forms show under each field). */
async function problemsOf(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) =>
      e as { code?: string; cause?: { issues?: { path: string | (string | number)[]; message: string }[] } },
  );
  expect(error.code).toBe("BAD_REQUEST");
  return (error.cause?.issues ?? []).map((i) => `${Array.isArray(i.path) ? i.path.join(".") : i.path}: ${i.message}`);
}

describe("egress targets", () => {
  it("keep secrets write-only: the answer names which are set, never their values", async () => {
    const target = await owner.egress.create(mqttTarget());
    expect(target).toMatchObject({
      kind: "MQTT",
      secretFields: ["password"],
      certificate: null,
      config: { qos: 1, retain: false, verifyCertificate: true },
    });
    expect(JSON.stringify(target)).not.toContain("broker-password-1");
    const stored = await services().db.egressTarget.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored.secretsEnc).not.toContain("broker-password-1");
    expect(services().box.openJson(stored.secretsEnc!)).toEqual({ password: "broker-password-1" });
    for (const answer of [
      await owner.egress.get({ id: target.id }),
      await owner.egress.list(),
      await owner.egress.status({ id: target.id }),
    ]) {
      expect(JSON.stringify(answer)).not.toContain("broker-password-1");
    }
    // Leaving a secret out keeps it; null removes it.
    const renamed = await owner.egress.update({
      id: target.id,
      name: "Renamed",
      config: { url: process.env.MQTT_TEST_URL!, topic: "x/{eep}", username: "tidewire" },
    });
    expect(renamed).toMatchObject({ name: "Renamed", secretFields: ["password"], config: { topic: "x/{eep}" } });
    const cleared = await owner.egress.update({ id: target.id, secrets: { password: null } });
    expect(cleared.secretFields).toEqual([]);
  });

  it("check each kind's settings against its schema and name the wrong field", async () => {
    expect(
      await problemsOf(owner.egress.create({ kind: "MQTT", name: "x", config: { url: "http://example.com" } })),
    ).toEqual([expect.stringMatching(/^config\.url: expected mqtt:\/\//)]);
    expect(
      await problemsOf(
        owner.egress.create({ kind: "MQTT", name: "x", config: { url: "mqtt://example.com", topic: "a/#" } }),
      ),
    ).toEqual([expect.stringMatching(/^config\.topic: .*wildcard/)]);
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "MQTT",
          name: "x",
          config: { url: "mqtt://example.com" },
          secrets: { clientCertificate: "not a pem" },
        }),
      ),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/^secrets\.clientCertificate: expected a PEM certificate/)]),
    );
    expect(await problemsOf(owner.egress.create({ kind: "AZURE_IOT_HUB", name: "hub", config: {} }))).toEqual([
      expect.stringMatching(/^secrets\.connectionString: /),
    ]);
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "AZURE_IOT_HUB",
          name: "hub",
          config: {},
          secrets: { connectionString: "DeviceId=x;SharedAccessKey=abc" },
        }),
      ),
    ).toEqual([expect.stringMatching(/^secrets\.connectionString: .*HostName is missing/)]);
    // The connection string must fit the identity: a device's for one hub device, a policy's for one per sensor.
    const deviceCs = "HostName=hub.example.com;DeviceId=gw;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0";
    const policyCs = "HostName=hub.example.com;SharedAccessKeyName=device;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0";
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "AZURE_IOT_HUB",
          name: "hub",
          config: { identity: "perSensor" },
          secrets: { connectionString: deviceCs },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^secrets\.connectionString: one device per sensor needs a shared access policy/),
    ]);
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "AZURE_IOT_HUB",
          name: "hub",
          config: { identity: "single" },
          secrets: { connectionString: policyCs },
        }),
      ),
    ).toEqual([expect.stringMatching(/^secrets\.connectionString: the connection string names no DeviceId/)]);
    expect(
      await problemsOf(owner.egress.create({ kind: "AZURE_IOT_HUB", name: "hub", config: { auth: "x509" } })),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^config\.hostName: X\.509 needs the hub host name and the device id/),
      ]),
    );
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "ENOS",
          name: "enos",
          config: { url: "mqtts://enos.example.com:18883", productKey: "p", deviceKey: "d" },
        }),
      ),
    ).toEqual(["secrets.deviceSecret: static activation needs the device secret"]);
    expect(
      await problemsOf(
        owner.egress.create({
          kind: "ENOS",
          name: "enos",
          config: { url: "mqtts://enos.example.com:18883", productKey: "p", deviceKey: "d", activation: "dynamic" },
        }),
      ),
    ).toEqual(["secrets.productSecret: dynamic activation needs the product secret"]);
    expect(
      await problemsOf(owner.egress.create({ kind: "AGRIROUTER", name: "ar", config: { mode: "BROADCAST" } })),
    ).toEqual([expect.stringMatching(/^config\.mode: /)]);
    expect(
      await problemsOf(
        owner.egress.create({ kind: "BUILTIN_MQTT", name: "x", config: {}, secrets: { password: "nope" } }),
      ),
    ).toEqual([expect.stringMatching(/^secrets: /)]);
    // Nothing refused was stored.
    expect(
      await services().db.egressTarget.count({
        where: { tenantId: fx.tenant.id, name: { in: ["x", "hub", "enos", "ar"] } },
      }),
    ).toBe(0);
  });

  it("store valid targets of every kind with the kind's defaults filled in", async () => {
    const enos = await owner.egress.create({
      kind: "ENOS",
      name: "EnOS",
      config: {
        url: "mqtts://enos.example.com:18883",
        productKey: "pk",
        deviceKey: "dk",
        measurePointMap: { temperature: "temp" },
      },
      secrets: { deviceSecret: "enos-device-secret" },
    });
    expect(enos).toMatchObject({
      config: { activation: "static", unmappedKeys: "send", measurePointMap: { temperature: "temp" } },
      secretFields: ["deviceSecret"],
      progress: { activated: false },
    });
    const agrirouter = await owner.egress.create({
      kind: "AGRIROUTER",
      name: "agrirouter",
      config: {},
      secrets: { registrationCode: "a1b2c3d4e5" },
    });
    expect(agrirouter).toMatchObject({
      config: { mode: "PUBLISH", technicalMessageType: "enocean:telemetry:json" },
      secretFields: ["registrationCode"],
      progress: { onboarded: false },
    });
    const hub = await owner.egress.create({
      kind: "AZURE_IOT_HUB",
      name: "hub",
      config: { identity: "perSensor", deviceIdTemplate: "enocean-{sourceEurid}" },
      secrets: {
        connectionString:
          "HostName=hub.example.com;SharedAccessKeyName=device;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0",
      },
    });
    expect(hub).toMatchObject({ config: { auth: "sas", identity: "perSensor", messageProperties: true } });
    for (const t of [enos, agrirouter, hub])
      expect(JSON.stringify(t)).not.toMatch(/enos-device-secret|a1b2c3d4e5|c2VjcmV0c2VjcmV0/);
  });

  it("generate an Azure X.509 device certificate: the thumbprints are answered, the private key never", async () => {
    const hub = await owner.egress.create({
      kind: "AZURE_IOT_HUB",
      name: "hub x509",
      config: { auth: "x509", hostName: "hub.example.com", deviceId: "tidewire-gw" },
      generateCertificate: true,
    });
    expect(hub.secretFields).toEqual(["certificate", "privateKey"]);
    expect(hub.certificate).toMatchObject({
      sha1: expect.stringMatching(/^[0-9A-F]{40}$/),
      sha256: expect.stringMatching(/^[0-9A-F]{64}$/),
      subject: "CN=tidewire-gw",
    });
    const renewed = await owner.egress.generateCertificate({ id: hub.id });
    expect(renewed.sha1).not.toBe(hub.certificate!.sha1);
    expect((await owner.egress.get({ id: hub.id })).certificate!.sha256).toBe(renewed.sha256);
    const sealed = services().box.openJson<Record<string, string>>(
      (await services().db.egressTarget.findUniqueOrThrow({ where: { id: hub.id } })).secretsEnc!,
    );
    for (const answer of [hub, renewed, await owner.egress.get({ id: hub.id })])
      expect(JSON.stringify(answer)).not.toContain(sealed.privateKey!.slice(40, 80));
    const mqtt = await owner.egress.create(mqttTarget());
    await expect(owner.egress.generateCertificate({ id: mqtt.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuse private broker addresses unless the installation allows them", async () => {
    services().config.ALLOW_PRIVATE_EGRESS = false;
    try {
      await expect(owner.egress.create(mqttTarget({ url: "mqtt://127.0.0.1:1883" }))).rejects.toThrow(
        /private or loopback address/,
      );
      const probe = await owner.egress.testSettings({ kind: "MQTT", config: { url: "mqtt://10.1.2.3:1883" } });
      expect(probe).toMatchObject({ ok: false, stage: "address" });
    } finally {
      services().config.ALLOW_PRIVATE_EGRESS = true;
    }
  });

  it("tell the delivery workers when a target changes", async () => {
    const sub = redis.duplicate();
    const seen: string[] = [];
    sub.on("message", (_c, id) => seen.push(id));
    await sub.subscribe(`${process.env.REDIS_PREFIX}:targets-changed`);
    const target = await owner.egress.create({ kind: "BUILTIN_MQTT", name: "Built-in", config: {} });
    await owner.egress.update({ id: target.id, config: { topic: "t/{eep}" } });
    await owner.egress.setEnabled({ id: target.id, enabled: false });
    await owner.egress.delete({ id: target.id });
    await expect.poll(() => seen.filter((id) => id === target.id).length, { timeout: 5000 }).toBe(4);
    sub.disconnect();
    await expect(owner.egress.get({ id: target.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("list dead letters oldest first, request their replay at the head of the target's queue, and purge them", async () => {
    const target = await owner.egress.create(mqttTarget());
    const db = services().db;
    const batch = (n: number) => ({
      v: 1,
      tenantId: fx.tenant.id,
      targetId: target.id,
      messages: [
        {
          telegramId: `t${n}`,
          sourceEurid: "051b03c9",
          eep: "A5-09-09",
          friendlyId: "co2",
          location: "",
          tags: [],
          message: { n },
        },
      ],
    });
    const letters = [];
    for (const n of [1, 2, 3])
      letters.push(
        await insertDeadLetter(db, fx.tenant.id, target.id, {
          payload: batch(n),
          error: "refused",
          attempts: 8,
          reason: "MAX_AGE",
          devices: ["051b03c9"],
        }),
      );
    const listed = await owner.egress.deadLetters({ id: target.id });
    expect(listed.total).toBe(3);
    expect(listed.rows.map((r) => r.id)).toEqual(letters.map((l) => l.id));
    expect(listed.rows[0]).toMatchObject({ reason: "MAX_AGE", messages: 1, devices: ["051b03c9"], attempts: 8 });
    expect(await owner.egress.status({ id: target.id })).toMatchObject({
      deadLetters: 3,
      counters: { deadLettered: 3 },
    });

    expect(await owner.egress.replay({ id: target.id })).toEqual({ requested: 3 });
    const queue = new Queue(deliveryQueueName(target.id), { connection: redis, prefix: process.env.REDIS_PREFIX! });
    try {
      const jobs = await queue.getJobs(["waiting"]);
      expect(jobs.map((j) => j.name)).toEqual([REPLAY_JOB]);
      expect(jobs[0]!.data).toMatchObject({ tenantId: fx.tenant.id, targetId: target.id });
    } finally {
      await queue.close();
    }

    expect(await owner.egress.purge({ id: target.id, ids: [letters[0]!.id] })).toEqual({ purged: 1 });
    expect((await owner.egress.deadLetters({ id: target.id })).rows.map((r) => r.id)).toEqual([
      letters[1]!.id,
      letters[2]!.id,
    ]);
    expect(await owner.egress.purge({ id: target.id })).toEqual({ purged: 2 });
    expect((await owner.egress.get({ id: target.id })).pendingDeadLetters).toBe(0);
  });

  it("refuse to replay into a disabled target", async () => {
    const target = await owner.egress.create({ ...mqttTarget(), enabled: false });
    await expect(owner.egress.replay({ id: target.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("test connection", () => {
  it("connects to an MQTT broker and publishes the probe on the target's topic", async () => {
    const target = await owner.egress.create(mqttTarget());
    expect(await owner.egress.test({ id: target.id })).toMatchObject({ ok: true });
  });

  it("says the broker could not be reached at the tcp stage", async () => {
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: "mqtt://127.0.0.1:1" } });
    expect(result).toMatchObject({ ok: false, stage: "tcp" });
  });

  it("says a host name does not resolve at the dns stage", async () => {
    const result = await owner.egress.testSettings({
      kind: "MQTT",
      config: { url: "mqtt://no-such-host.invalid:1883" },
    });
    expect(result).toMatchObject({ ok: false, stage: "dns", message: expect.stringContaining("no-such-host.invalid") });
  });

  it("says which field is wrong at the config stage, before connecting anywhere", async () => {
    const result = await owner.egress.testSettings({ kind: "MQTT", config: { url: "ftp://x" } });
    expect(result).toMatchObject({ ok: false, stage: "config", message: expect.stringContaining("url") });
  });

  it("uses the stored secrets when testing a saved target being edited", async () => {
    const target = await owner.egress.create(mqttTarget());
    const result = await owner.egress.testSettings({
      kind: "MQTT",
      config: { url: process.env.MQTT_TEST_URL!, topic: "p/{eep}", username: "tidewire" },
      targetId: target.id,
    });
    expect(result.ok).toBe(true);
  });
});
