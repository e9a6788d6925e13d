/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// Azure IoT Hub as an egress target through azure-iot-device + MQTT, against the hub emulator
// (packages/testkit), which checks the SAS signature or the client certificate thumbprint, the
// username, client id and topic as the hub does. A hub away for a while loses nothing; one that
// stays away ends in the dead letters, replays in order, and does not hold up another tenant.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTargetDeadLetters } from "@tidewire/db";
import { generateSelfSignedCertificate, replayDeadLetters, testConnection } from "@tidewire/egress";
import { AzureIotHubEmulator, deliveryMessage, MqttCollector, startMosquitto } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let hub: AzureIotHubEmulator;
let tenantId: string;
const deviceKey = randomBytes(32).toString("base64");
const policyKey = randomBytes(32).toString("base64");

beforeAll(async () => {
  hub = new AzureIotHubEmulator();
  hub.devices.set("enocean-gw", { deviceId: "enocean-gw", key: deviceKey });
  hub.policies.set("device", policyKey);
  await hub.start();
  egress = await startEgress({ connectorTimeoutMs: 5000 });
  tenantId = (await egress.tenant("azure-tenant")).id;
});

afterAll(async () => {
  await egress?.stop();
  await hub?.close();
});

const common = () => ({ gatewayHostName: hub.gatewayHostName, caCertificate: hub.pki.ca.certificate });
const deviceConnectionString = (key = deviceKey) => `HostName=${hub.hostName};DeviceId=enocean-gw;SharedAccessKey=${key}`;

describe("Azure IoT Hub target", () => {
  it("sends each message as the one hub device with content type, encoding, message id and properties", async () => {
    const target = await egress.target(tenantId, { kind: "AZURE_IOT_HUB", name: "hub", config: { auth: "sas", ...common() }, secrets: { connectionString: deviceConnectionString() } });
    await egress.enqueue(tenantId, target, [deliveryMessage("04138bb4", 1), deliveryMessage("051b03c9", 1)]);
    await egress.waitFor(() => hub.messages.length >= 2, 15_000, "hub messages");
    expect(hub.messages[0]!.deviceId).toBe("enocean-gw");
    expect(hub.messages[0]!.body.sensor).toEqual({ friendlyId: "sensor 04138bb4", id: "04138bb4", location: "Lab" });
    expect(hub.messages[0]!.properties).toMatchObject({ "$.ct": "application/json", "$.ce": "utf-8", "$.mid": "04138bb4-1", eep: "A5-02-05", sourceEurid: "04138bb4" });
  });

  it("reports a wrong device key as an auth failure", async () => {
    const result = await testConnection("AZURE_IOT_HUB", { auth: "sas", ...common() }, { connectionString: deviceConnectionString(randomBytes(32).toString("base64")) }, { allowPrivate: true, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, stage: "auth" });
    expect(hub.refusals).toContain("signature does not match");
  });

  it("connects with a generated self-signed certificate whose thumbprint is registered, without a password", async () => {
    const cert = generateSelfSignedCertificate("x509-device");
    expect(cert.sha1Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(cert.sha256Thumbprint).toMatch(/^[0-9A-F]{64}$/);
    hub.devices.set("x509-device", { deviceId: "x509-device", thumbprint: cert.sha1Thumbprint });
    const config = { auth: "x509", hostName: hub.hostName, deviceId: "x509-device", ...common() };
    const other = generateSelfSignedCertificate("x509-device");
    expect(await testConnection("AZURE_IOT_HUB", config, { certificate: other.certificate, privateKey: other.privateKey }, { allowPrivate: true, timeoutMs: 5000 })).toMatchObject({ ok: false, stage: "auth" });
    const target = await egress.target(tenantId, { kind: "AZURE_IOT_HUB", name: "x509", config, secrets: { certificate: cert.certificate, privateKey: cert.privateKey } });
    await egress.enqueue(tenantId, target, [deliveryMessage("0a0b0c0d", 3)]);
    await egress.waitFor(() => hub.messages.some((m) => m.deviceId === "x509-device"), 15_000, "x509 message");
  });

  it("sends as one hub device per sensor with tokens signed by a shared access policy", async () => {
    const target = await egress.target(tenantId, {
      kind: "AZURE_IOT_HUB",
      name: "per sensor",
      config: { auth: "sas", identity: "perSensor", deviceIdTemplate: "sensor-{sourceEurid}", ...common() },
      secrets: { connectionString: `HostName=${hub.hostName};SharedAccessKeyName=device;SharedAccessKey=${policyKey}` },
    });
    await egress.enqueue(tenantId, target, [deliveryMessage("11111111", 1), deliveryMessage("22222222", 1)]);
    await egress.waitFor(() => hub.messages.filter((m) => m.deviceId.startsWith("sensor-")).length >= 2, 15_000, "per-sensor messages");
    expect(hub.messages.filter((m) => m.deviceId.startsWith("sensor-")).map((m) => m.deviceId).sort()).toEqual(["sensor-11111111", "sensor-22222222"]);
  });

  it("loses nothing while the hub refuses connections for a while, in order per device", async () => {
    const target = await egress.target(tenantId, { kind: "AZURE_IOT_HUB", name: "flaky", config: { auth: "sas", ...common() }, secrets: { connectionString: deviceConnectionString() } });
    const seen = () => hub.messages.filter((m) => (m.body.sensor as { id: string }).id === "abcd0001").map((m) => (m.body.telemetry as any).data[0].value);
    await egress.enqueue(tenantId, target, [deliveryMessage("abcd0001", 1)]);
    await egress.waitFor(() => seen().length === 1, 15_000, "first");
    // The hub drops the device's connection and refuses new ones for a while.
    hub.unavailable = true;
    for (const client of Object.values((hub.aedes as unknown as { clients: Record<string, { close: () => void }> }).clients)) client.close();
    for (let i = 2; i <= 5; i++) await egress.enqueue(tenantId, target, [deliveryMessage("abcd0001", i)]);
    await egress.waitFor(async () => (await egress.db.egressTarget.findUniqueOrThrow({ where: { id: target } })).status !== "HEALTHY", 15_000, "failing");
    hub.unavailable = false;
    await egress.waitFor(() => new Set(seen()).size === 5, 20_000, "all after the outage");
    const first = seen().filter((x, i, xs) => xs.indexOf(x) === i);
    expect(first).toEqual([1, 2, 3, 4, 5]);
  });

  it("dead-letters messages while the hub stays away and replays them in order; another tenant's delivery is not held up", async () => {
    const mosquitto = await startMosquitto();
    const elsewhere = await MqttCollector.connect(mosquitto.url, {});
    try {
      await elsewhere.client.subscribeAsync("elsewhere/#", { qos: 1 });
      const other = await egress.tenant("azure-other");
      const otherTarget = await egress.target(other.id, { kind: "MQTT", name: "elsewhere", config: { url: mosquitto.url, topic: "elsewhere/{sourceEurid}", qos: 1 } });
      const target = await egress.target(tenantId, {
        kind: "AZURE_IOT_HUB",
        name: "hub stays away",
        config: { auth: "sas", ...common(), delivery: { deadLetterAfterSeconds: 1 } },
        secrets: { connectionString: deviceConnectionString() },
      });
      const seen = () => hub.messages.filter((m) => (m.body.sensor as { id: string }).id === "dead0001").map((m) => (m.body.telemetry as any).data[0].value);
      hub.unavailable = true;
      for (const client of Object.values((hub.aedes as unknown as { clients: Record<string, { close: () => void }> }).clients)) client.close();
      for (let i = 1; i <= 3; i++) await egress.enqueue(tenantId, target, [deliveryMessage("dead0001", i)]);

      const started = Date.now();
      await egress.enqueue(other.id, otherTarget, [deliveryMessage("e15e0001", 1)]);
      await elsewhere.waitFor(1, 3000);
      expect(Date.now() - started).toBeLessThan(3000);

      await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 3, 20_000, "three dead letters");
      const letters = await listTargetDeadLetters(egress.db, tenantId, target);
      expect(letters.rows.map((r) => (r.payload as any).messages[0].message.telemetry.data[0].value)).toEqual([1, 2, 3]);
      expect(letters.rows.map((r) => r.reason)).toEqual(["MAX_AGE", "HELD", "HELD"]);
      expect(seen()).toEqual([]);

      hub.unavailable = false;
      expect(await replayDeadLetters(egress.deps, tenantId, target)).toEqual({ requested: 3 });
      await egress.waitFor(() => seen().length >= 3, 20_000, "replayed messages");
      expect(seen().filter((x, i, xs) => xs.indexOf(x) === i)).toEqual([1, 2, 3]);
    } finally {
      hub.unavailable = false;
      await elsewhere.end();
      await mosquitto.dispose();
    }
  });
});
