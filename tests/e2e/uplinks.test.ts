/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// Issue 8's done-when: a The Things Stack uplink by webhook and one by the MQTT integration (a
// local Mosquitto standing in for TTS, publishing the documented JSON) each reach the tenant's
// MQTT target in the output format with their gateways; duplicates are dropped; a replayed or
// tampered small-device message is refused and nothing is stored from it; the product
// document's ciphertext is accepted and decodes to its documented JSON.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevice, rotateTtsWebhookSecret, saveTtsMqttSettings, upsertTenant } from "@tidewire/db";
import { smallDeviceMac } from "@tidewire/uplinks";
import { startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { SEED_JSON_TEXT, SEED_KEY, SEED_MESSAGE } from "../../packages/uplinks/src/fixtures/small-device-vectors";
import { grantLicense } from "../support/tenant-setup";
import { eventually } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const documented = JSON.parse(readFileSync(new URL("../../packages/uplinks/src/fixtures/tts-uplink.json", import.meta.url), "utf8")) as Record<string, any>;

const TTS_USER = "app1@ttn";
const TTS_API_KEY = `NNSXS.${randomBytes(12).toString("hex").toUpperCase()}`;
const HMAC_KEY = randomBytes(32).toString("hex");
const slug = `uplinks-${randomBytes(3).toString("hex")}`;

let broker: MosquittoInstance;
let pipeline: Pipeline;
let tenantId: string;
let webhookSecret: string;
const received: { topic: string; body: Record<string, any> }[] = [];
let reader: mqtt.MqttClient;

function uplinkFor(devEui: string, fCnt: number, gateways: { id: string; rssi: number; snr: number }[], decoded?: Record<string, unknown>, frmPayload = "gkHe") {
  const { decoded_payload: _omit, ...message } = documented.uplink_message;
  return {
    ...documented,
    end_device_ids: { ...documented.end_device_ids, dev_eui: devEui },
    received_at: new Date().toISOString(),
    uplink_message: {
      ...message,
      f_cnt: fCnt,
      frm_payload: frmPayload,
      ...(decoded ? { decoded_payload: decoded } : {}),
      rx_metadata: gateways.map((g) => ({ gateway_ids: { gateway_id: g.id }, rssi: g.rssi, channel_rssi: g.rssi, snr: g.snr, time: new Date().toISOString() })),
    },
  };
}

const webhook = (body: unknown, secret = webhookSecret) =>
  fetch(`${pipeline.ingestHttpUrl}/tts/v3/${slug}/uplink`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(body) });

const postSmall = (device: string, body: unknown) =>
  fetch(`${pipeline.ingestHttpUrl}/small-devices/${slug}/${device}/uplink`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const messagesOf = (sensorId: string) => received.filter((r) => r.body.sensor?.id === sensorId);

beforeAll(async () => {
  broker = await startMosquitto({ users: { tidewire: "tw-pass-123", reader: "reader-pass", [TTS_USER]: TTS_API_KEY, "tts-stand-in": "tts-pass" } });
  pipeline = await startPipeline({
    ingest: { ttsMqtt: { enabled: true, refreshMs: 300, leaseMs: 5_000, allowPrivate: true } },
    before: async (db, box) => {
      const tenant = await upsertTenant(db, { slug, name: "Uplinks" });
      tenantId = tenant.id;
      await grantLicense(db, tenant.id, 10);
      // Written as packages/egress's saveEgressTarget stores a target (the workers start after this).
      await db.egressTarget.create({
        data: {
          tenantId: tenant.id,
          kind: "MQTT",
          name: "own broker",
          config: { url: broker.url, username: "tidewire", topic: "site/{eep}/{sourceEurid}", qos: 1, retain: false, verifyCertificate: true, keepaliveSeconds: 60 },
          secretsEnc: box.sealJson({ password: "tw-pass-123" }),
        },
      });
      await createDevice(db, box, tenant.id, { kind: "LORAWAN", sourceEurid: "0004A30B001C0530", friendlyId: "Cellar", location: "B1", payloadDecoder: "tts" });
      await createDevice(db, box, tenant.id, { kind: "LORAWAN", sourceEurid: "70B3D57ED0000002", friendlyId: "Roof", location: "Roof", payloadDecoder: "cayenne-lpp" });
      await createDevice(db, box, tenant.id, { kind: "SMALL_DEVICE", sourceEurid: "esp-seed", friendlyId: "ESP seed", location: "Lab", aesKey: SEED_KEY });
      await createDevice(db, box, tenant.id, { kind: "SMALL_DEVICE", sourceEurid: "esp-mac", friendlyId: "ESP with MAC", location: "Lab", aesKey: SEED_KEY, hmacKey: HMAC_KEY });
      webhookSecret = (await rotateTtsWebhookSecret(db, tenant.id)).secret;
      await saveTtsMqttSettings(db, box, tenant.id, { enabled: true, url: broker.url, username: TTS_USER, apiKey: TTS_API_KEY });
    },
  });
  reader = mqtt.connect(broker.url, { username: "reader", password: "reader-pass", reconnectPeriod: 200 });
  await new Promise<void>((resolve) => reader.once("connect", () => resolve()));
  reader.on("message", (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) }));
  await reader.subscribeAsync("site/#", { qos: 1 });
});

afterAll(async () => {
  await reader?.endAsync(true);
  await pipeline?.stop();
  await broker?.dispose();
});

describe("The Things Stack webhook", () => {
  it("refuses a wrong secret with 401 and a body that is not an uplink with 400, storing nothing", async () => {
    expect((await webhook(uplinkFor("0004A30B001C0530", 99, []), "twh_wrong")).status).toBe(401);
    expect((await webhook({ end_device_ids: { dev_eui: "nope" }, uplink_message: {} })).status).toBe(400);
    const big = await fetch(`${pipeline.ingestHttpUrl}/tts/v3/${slug}/uplink`, { method: "POST", headers: { authorization: `Bearer ${webhookSecret}` }, body: "x".repeat(100_000) });
    expect(big.status).toBe(413);
    expect(await pipeline.db.telemetryRecord.count({ where: { tenantId } })).toBe(0);
  });

  it("delivers the documented uplink to the tenant's MQTT target in the output format with every gateway, once", async () => {
    const body = uplinkFor("0004A30B001C0530", 1, [
      { id: "gtw1", rssi: -35, snr: 5 },
      { id: "gtw-far", rssi: -112, snr: -8.25 },
    ], documented.uplink_message.decoded_payload);
    const first = await webhook(body);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ status: "queued" });
    // TTS retrying the same uplink (same device, session and f_cnt) is a duplicate.
    expect(await (await webhook(body)).json()).toEqual({ status: "duplicate" });

    const arrived = await eventually(() => messagesOf("0004a30b001c0530")[0], 20_000, "the webhook uplink at the MQTT target");
    expect(arrived.topic).toBe("site/LORAWAN/0004a30b001c0530");
    expect(arrived.body).toMatchObject({
      sensor: { friendlyId: "Cellar", id: "0004a30b001c0530", location: "B1" },
      telemetry: { data: [{ key: "temperature", value: 1, unit: "°C" }, { key: "luminosity", value: 0.64 }], signal: [] },
      raw: { data: "8241de", sender: "0004a30b001c0530", rssi: 35 },
      tidewire: {
        kind: "LORAWAN",
        receptions: [
          { gateway: "gtw1", rssi: 35, snr: 5 },
          { gateway: "gtw-far", rssi: 112, snr: -8.25 },
        ],
        lorawan: { fPort: 1, fCnt: 1, via: "webhook", applicationId: "app1" },
      },
    });
    expect(arrived.body.raw.timestamp).toMatch(/^\d{10}\.\d+$/);
    expect(arrived.body.telemetry.meta.stats[0].egressTime).toMatch(/^\d{10}\.\d+$/);
    // History and the device's latest values, as for EnOcean devices.
    // History first, then the latest values (the sink writes them in that order): wait for both.
    await eventually(async () => (await pipeline.db.telemetryRecord.count({ where: { tenantId } })) === 1, 10_000, "the history row");
    await eventually(
      async () => (await pipeline.db.device.findFirst({ where: { tenantId, sourceEurid: "0004a30b001c0530" } }))?.lastMessage,
      10_000,
      "the latest values",
    );
    await pipeline.worker.flushStats();
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "0004a30b001c0530" }, include: { stats: true } });
    expect(device.lastRssi).toBe(35);
    expect(device.stats).toMatchObject({ totalTelegramCount: 1n, successfullyProcessed: 1n });
    await new Promise((r) => setTimeout(r, 500));
    expect(messagesOf("0004a30b001c0530")).toHaveLength(1);
  });
});

describe("The Things Stack MQTT integration", () => {
  it("subscribes with the API key, shows the integration connected, and delivers a published uplink decoded by the device's decoder", async () => {
    await eventually(async () => (await pipeline.db.ttsIntegration.findUnique({ where: { tenantId } }))?.mqttStatus === "CONNECTED", 20_000, "the TTS MQTT subscription");
    const tts = mqtt.connect(broker.url, { username: "tts-stand-in", password: "tts-pass", reconnectPeriod: 0 });
    await new Promise<void>((resolve) => tts.once("connect", () => resolve()));
    // Cayenne LPP: temperature 27.2 °C on channel 3, humidity 48.5 % on channel 2 (no TTS formatter ran).
    const lpp = Buffer.from("03670110026861", "hex");
    const body = uplinkFor("70B3D57ED0000002", 7, [{ id: "roof-gw", rssi: -71, snr: 9.5 }], undefined, lpp.toString("base64"));
    await tts.publishAsync(`v3/${TTS_USER}/devices/roof-sensor/up`, JSON.stringify(body), { qos: 1 });
    // A join accept on the same integration is not an uplink: ignored.
    await tts.publishAsync(`v3/${TTS_USER}/devices/roof-sensor/up`, JSON.stringify({ end_device_ids: body.end_device_ids, join_accept: {} }), { qos: 1 });
    await tts.endAsync();

    const arrived = await eventually(() => messagesOf("70b3d57ed0000002")[0], 20_000, "the MQTT uplink at the MQTT target");
    expect(arrived.body).toMatchObject({
      sensor: { friendlyId: "Roof", id: "70b3d57ed0000002", location: "Roof" },
      telemetry: {
        data: [
          { key: "temperature_3", value: 27.2, unit: "°C" },
          { key: "humidity_2", value: 48.5, unit: "%" },
        ],
      },
      raw: { sender: "70b3d57ed0000002", rssi: 71 },
      tidewire: { kind: "LORAWAN", receptions: [{ gateway: "roof-gw", rssi: 71, snr: 9.5 }], lorawan: { fCnt: 7, via: "mqtt", decoder: "cayenne-lpp" } },
    });
  });

  it("counts an uplink its decoder cannot read as not processed, and delivers nothing for it", async () => {
    const before = messagesOf("70b3d57ed0000002").length;
    // Cayenne LPP type 0xff does not exist.
    expect((await webhook(uplinkFor("70B3D57ED0000002", 8, [{ id: "roof-gw", rssi: -70, snr: 9 }], undefined, Buffer.from("03ff01", "hex").toString("base64")))).status).toBe(202);
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "70b3d57ed0000002" } });
    await eventually(
      async () => {
        await pipeline.worker.flushStats();
        const stats = await pipeline.db.deviceStats.findUnique({ where: { deviceId: device.id } });
        return (stats?.notProcessedByReason as Record<string, number> | undefined)?.BAD_PAYLOAD === 1;
      },
      20_000,
      "the BAD_PAYLOAD count",
    );
    expect(messagesOf("70b3d57ed0000002")).toHaveLength(before);
  });

  it("shows a refused login as failing, with the broker's error, on another tenant's integration", async () => {
    const other = await upsertTenant(pipeline.db, { slug: `${slug}-wrong-key`, name: "Wrong key" });
    await saveTtsMqttSettings(pipeline.db, pipeline.box, other.id, { enabled: true, url: broker.url, username: TTS_USER, apiKey: "NNSXS.WRONG" });
    const failing = await eventually(
      async () => {
        const row = await pipeline.db.ttsIntegration.findUnique({ where: { tenantId: other.id } });
        return row?.mqttStatus === "FAILING" ? row : undefined;
      },
      20_000,
      "the failing status",
    );
    expect(failing.mqttLastError).toMatch(/not authori[sz]ed|bad user ?name or password/i);
    await saveTtsMqttSettings(pipeline.db, pipeline.box, other.id, { enabled: false, url: broker.url, username: TTS_USER });
  });
});

describe("small devices", () => {
  it("accepts the product document's message (base64-wrapped JSON) and delivers its documented values", async () => {
    const res = await postSmall("esp-seed", SEED_MESSAGE);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "queued", sequence: 700 });
    const arrived = await eventually(() => messagesOf("esp-seed")[0], 20_000, "the small device's message");
    const documentedJson = JSON.parse(SEED_JSON_TEXT) as { data: { value: number }; SEQN: number };
    expect(arrived.topic).toBe("site/SMALL-DEVICE/esp-seed");
    expect(arrived.body.telemetry.data).toEqual([{ key: "value", value: documentedJson.data.value }]);
    expect(arrived.body.tidewire).toMatchObject({ kind: "SMALL_DEVICE", smallDevice: { sequence: documentedJson.SEQN, base64Wrapped: true } });
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "esp-seed" } });
    expect(device.lastSequence).toBe(700n);
  });

  it("refuses the same message again with 409 and stores nothing from it", async () => {
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "esp-seed" } });
    await eventually(async () => (await pipeline.db.telemetryRecord.count({ where: { deviceId: device.id } })) === 1, 10_000, "the first message's history");
    const res = await postSmall("esp-seed", SEED_MESSAGE);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "REPLAYED", lastSequence: 700 });
    await new Promise((r) => setTimeout(r, 800));
    expect(await pipeline.db.telemetryRecord.count({ where: { deviceId: device.id } })).toBe(1);
    expect(messagesOf("esp-seed")).toHaveLength(1);
  });

  it("refuses a tampered message (4xx) and, with an HMAC key, a wrong or missing mac (401), storing nothing", async () => {
    const ct = Buffer.from(SEED_MESSAGE.ct, "base64");
    ct[5]! ^= 0x20;
    const tampered = await postSmall("esp-seed", { ...SEED_MESSAGE, ct: ct.toString("base64") });
    expect([400, 401]).toContain(tampered.status);
    const iv = Buffer.from(SEED_MESSAGE.iv, "base64");
    const goodMac = smallDeviceMac(HMAC_KEY, iv, Buffer.from(SEED_MESSAGE.ct, "base64")).toString("base64");
    expect((await postSmall("esp-mac", SEED_MESSAGE)).status).toBe(401);
    expect((await postSmall("esp-mac", { ...SEED_MESSAGE, ct: ct.toString("base64"), mac: goodMac })).status).toBe(401);
    expect((await postSmall("no-such-device", SEED_MESSAGE)).status).toBe(404);
    const macDevice = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "esp-mac" } });
    expect(macDevice.lastSequence).toBeNull();
    // the right mac is accepted
    expect((await postSmall("esp-mac", { ...SEED_MESSAGE, mac: goodMac })).status).toBe(202);
    await eventually(() => messagesOf("esp-mac")[0], 20_000, "the authenticated message");
    expect(messagesOf("esp-mac")[0]!.body.telemetry.meta.security).toContainEqual({ key: "authenticated", value: "True", meaning: "HMAC-SHA256 verified" });
    const seedDevice = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "esp-seed" } });
    expect(await pipeline.db.telemetryRecord.count({ where: { deviceId: seedDevice.id } })).toBe(1);
  });
});
