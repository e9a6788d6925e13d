// The walking skeleton: one real telegram from a gateway websocket through the queue, the
// decoder and the built-in broker to a tenant's MQTT subscriber, and into the database.
import { randomBytes } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEsp3 } from "@tidewire/decoder";
import { createApiKey, seedDemo, upsertTenant } from "@tidewire/db";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const secrets = {
  ownerPassword: "owner-pass-123",
  adminPassword: "admin-pass-123",
  gatewayToken: `twg_${randomBytes(12).toString("hex")}`,
  apiKeyId: `tw_e2e_${randomBytes(4).toString("hex")}`,
  apiKeySecret: `tws_${randomBytes(12).toString("hex")}`,
};

/** The ESP3 frame a USB 300 stick emits for the IoTC documentation's telegrams (dBm byte 77). */
function iotcFrame(dataHex: string, sender: string, status: string): Buffer {
  const data = Buffer.from(dataHex + sender + status, "hex");
  const optionalData = Uint8Array.from([0, 0xff, 0xff, 0xff, 0xff, 77, 0]);
  return Buffer.from(encodeEsp3({ type: 0x01, data, optionalData }));
}

const TENANT = "e2e-path";
let pipeline: Pipeline;
let subscriber: MqttClient;
// Output messages are checked field by field below; a loose type keeps those checks readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Message = Record<string, any>;
const received: { topic: string; message: Message }[] = [];

function waitForMessages(count: number, timeoutMs = 15_000) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (received.length >= count) return resolve();
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`only ${received.length} of ${count} messages arrived`));
      setTimeout(check, 50);
    };
    check();
  });
}

function connectGateway(token: string, gatewayId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${pipeline.ingestUrl}/gateway/v1`, {
      headers: { authorization: `Bearer ${token}`, "x-gateway-id": gatewayId },
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

beforeAll(async () => {
  // Seed first, as npm start does: the workers pick up the built-in target when they start.
  pipeline = await startPipeline({
    before: (db, box) =>
      seedDemo(db, box, secrets, {
        tenantSlug: TENANT,
        ownerEmail: "owner@e2e-path.test",
        adminEmail: "admin@e2e-path.test",
      }),
  });
  subscriber = mqtt.connect(pipeline.brokerUrl, {
    username: secrets.apiKeyId,
    password: secrets.apiKeySecret,
    reconnectPeriod: 0,
  });
  await new Promise<void>((resolve, reject) => {
    subscriber.once("connect", () => resolve());
    subscriber.once("error", reject);
  });
  subscriber.on("message", (topic, payload) => received.push({ topic, message: JSON.parse(payload.toString()) }));
  await subscriber.subscribeAsync("devices/+/telemetry", { qos: 1 });
});

afterAll(async () => {
  await subscriber?.endAsync(true);
  await pipeline?.stop();
});

describe("one telegram end to end", () => {
  it("refuses a gateway with an unknown token with HTTP 401", async () => {
    await expect(connectGateway("twg_not_a_real_token_000000", "intruder")).rejects.toThrow("HTTP 401");
  });

  it("delivers the IoTC documentation's two telegrams to the tenant's MQTT subscriber, decoded exactly as documented", async () => {
    const ws = await connectGateway(secrets.gatewayToken, "e2e-gw-1");
    ws.send(iotcFrame("d29fce800863b502a620", "04138bb4", "80"));
    ws.send(iotcFrame("a500005008", "051b03c9", "01"));
    await waitForMessages(2);
    ws.close();

    const multisensor = received.find((r) => r.topic === "devices/04138bb4/telemetry")!.message;
    expect(multisensor.sensor).toEqual({ friendlyId: "Multisensor 1", id: "04138bb4", location: "Cloud center" });
    expect(multisensor.telemetry.data).toEqual([
      { key: "temperature", value: 23.9, unit: "°C" },
      { key: "humidity", value: 29.0, unit: "%" },
      { key: "illumination", value: 67.0, unit: "lx" },
      { key: "accelerationStatus", value: "heartbeat", meaning: "Heartbeat" },
      { key: "accelerationX", value: -0.13, unit: "g" },
      { key: "accelerationY", value: 0.08, unit: "g" },
      { key: "accelerationZ", value: -0.97, unit: "g" },
      { key: "contact", value: "open", meaning: "Window opened" },
    ]);
    expect(multisensor.raw).toMatchObject({
      data: "d29fce800863b502a620",
      sender: "04138bb4",
      status: "80",
      subTelNum: 0,
      destination: "ffffffff",
      rssi: 77,
      securityLevel: 0,
    });
    expect(multisensor.raw.timestamp).toMatch(/^\d{10}\.\d+$/);
    expect(multisensor.telemetry.meta.stats[0].egressTime).toMatch(/^\d{10}\.\d+$/);
    expect(multisensor.tidewire.receptions).toEqual([expect.objectContaining({ gateway: "e2e-gw-1", rssi: 77 })]);

    const co2 = received.find((r) => r.topic === "devices/051b03c9/telemetry")!.message;
    expect(co2.sensor).toEqual({ friendlyId: "co2_Hardware2", id: "051b03c9", location: "Hardware 2" });
    expect(co2.telemetry.data).toEqual([
      { key: "co2", value: 627.45, unit: "ppm" },
      { key: "learn", value: "notPressed", meaning: "Data telegram" },
      { key: "powerFailureDetected", value: "False", meaning: "Power failure not detected" },
    ]);
    expect(co2.telemetry.signal).toEqual([]);
    expect(co2.raw).toMatchObject({
      data: "a500005008",
      sender: "051b03c9",
      status: "01",
      subTelNum: 0,
      destination: "ffffffff",
      rssi: 77,
    });
  });

  it("stores each device's latest message, history and statistics", async () => {
    const tenant = await pipeline.db.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    // Deliveries go out before the history and latest values are written (in parallel): wait for both.
    const stored = async () => {
      const device = await pipeline.db.device.findUniqueOrThrow({ where: { tenantId_sourceEurid: { tenantId: tenant.id, sourceEurid: "051b03c9" } } });
      return { ...device, telemetry: await pipeline.db.telemetryRecord.findMany({ where: { deviceId: device.id } }) };
    };
    await expect
      .poll(
        async () => {
          const d = await stored();
          return d.lastMessage !== null && d.telemetry.length > 0;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const device = await stored();
    expect((device.lastMessage as Message).telemetry.data[0]).toEqual({ key: "co2", value: 627.45, unit: "ppm" });
    expect(device.lastRssi).toBe(77);
    expect(device.telemetry).toHaveLength(1);
    await pipeline.worker.flushStats();
    const stats = await pipeline.db.deviceStats.findUniqueOrThrow({ where: { deviceId: device.id } });
    expect(stats).toMatchObject({ totalTelegramCount: 1n, successfullyProcessed: 1n, notProcessed: 0n });
    const gateway = await pipeline.db.gateway.findFirstOrThrow({
      where: { tenantId: tenant.id, mac: "e2e-gw-1" },
      include: { stats: true },
    });
    expect(gateway.stats).toMatchObject({ totalTelegramCount: 2n, successfullyProcessed: 2n });
  });

  it("counts a telegram from a device that is not onboarded as not processed, and delivers nothing for it", async () => {
    const before = received.length;
    const ws = await connectGateway(secrets.gatewayToken, "e2e-gw-1");
    ws.send(iotcFrame("a500005008", "0badcafe", "01"));
    await new Promise((r) => setTimeout(r, 800));
    ws.close();
    await pipeline.worker.flushStats();
    expect(received.length).toBe(before);
    const gateway = await pipeline.db.gateway.findFirstOrThrow({
      where: { tenant: { slug: TENANT }, mac: "e2e-gw-1" },
      include: { stats: true },
    });
    expect(gateway.stats?.notProcessed).toBe(1n);
    expect(gateway.stats?.notProcessedByReason).toEqual({ NOT_ONBOARDED: 1 });
  });

  it("keeps the connection after a malformed frame and answers with the problem", async () => {
    const ws = await connectGateway(secrets.gatewayToken, "e2e-gw-2");
    const reply = new Promise<string>((resolve) =>
      ws.on("message", (d) => {
        if (String(d).includes('"error"')) resolve(String(d));
      }),
    );
    ws.send("this is not json");
    expect(JSON.parse(await reply)).toEqual({ error: { code: "BAD_JSON", message: expect.any(String) } });
    const before = received.length;
    ws.send(JSON.stringify({ esp3: iotcFrame("a500006008", "051b03c9", "01").toString("hex") }));
    await waitForMessages(before + 1);
    expect(received.at(-1)!.message.telemetry.data[0]).toEqual({ key: "co2", value: 752.94, unit: "ppm" });
    ws.close();
    await pipeline.ingest.flushStats();
    const gateway = await pipeline.db.gateway.findFirstOrThrow({
      where: { tenant: { slug: TENANT }, mac: "e2e-gw-2" },
      include: { stats: true },
    });
    expect(gateway.stats?.notProcessedByReason).toEqual({ BAD_JSON: 1 });
  });

  it("shows a tenant's MQTT client nothing of another tenant", async () => {
    const other = await upsertTenant(pipeline.db, { slug: "other-co", name: "Other Co" });
    const key = await createApiKey(pipeline.db, other.id, { name: "mqtt", scopes: ["mqtt"] });
    const otherClient = mqtt.connect(pipeline.brokerUrl, {
      username: key.keyId,
      password: key.secret,
      reconnectPeriod: 0,
    });
    const seen: string[] = [];
    otherClient.on("message", (topic) => seen.push(topic));
    await new Promise<void>((resolve) => otherClient.once("connect", () => resolve()));
    await otherClient.subscribeAsync("#", { qos: 1 });
    const before = received.length;
    const ws = await connectGateway(secrets.gatewayToken, "e2e-gw-1");
    ws.send(iotcFrame("a500007008", "051b03c9", "01"));
    await waitForMessages(before + 1);
    ws.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    await otherClient.endAsync(true);
  });
});
