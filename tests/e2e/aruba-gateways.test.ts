// Aruba access points against the whole pipeline: authentication, hello, health, telegrams heard
// by several access points, and every kind of bad input with its documented response.
import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSouthbound, encodeTelemetry } from "@tidewire/aruba";
import { listGatewayStatistics } from "@tidewire/db";
import {
  ArubaAccessPoint,
  ArubaConnection,
  createFleet,
  GatewaySimulator,
  postJson,
  radioFrame,
  nextReading,
  seededRandom,
} from "@tidewire/testkit";
import { ArubaAccessTokens } from "../../apps/ingest/src/ingest/aruba/access-tokens";
import { createRedis } from "../../apps/ingest/src/redis/connections";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { eventually, MessageCollector } from "../support/message-collector";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const MAX_MESSAGE_BYTES = 16 * 1024;
const fleet = createFleet({ sensors: 12, gateways: 3, hearing: 3, seed: 11, euridBase: "0b000000" });
const backgroundFleet = createFleet({ sensors: 5, gateways: 1, hearing: 1, seed: 99, euridBase: "0b100000" });
let pipeline: Pipeline;
let tenant: TestTenant;
let guarded: TestTenant;
let lockedOut: TestTenant;
let collector: MessageCollector;
const cleanups: (() => Promise<unknown>)[] = [];

const mac = () => `02${randomBytes(5).toString("hex")}`;

function accessPoint(t: TestTenant, options: { mac?: string; hwType?: string; swVersion?: string; reconnect?: boolean } = {}) {
  const connection = new ArubaConnection({ baseUrl: pipeline.ingestHttpUrl, ...t.aruba, reconnect: options.reconnect ?? false });
  const ap = new ArubaAccessPoint(connection, {
    mac: options.mac ?? mac(),
    hwType: options.hwType ?? "AP-505",
    swVersion: options.swVersion ?? "8.8.0.0-8.8.0.0",
    healthIntervalMs: 0,
  });
  cleanups.push(() => ap.close());
  return ap;
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function rawSocket(): Promise<WebSocket> {
  const ws = new WebSocket(`${pipeline.ingestUrl}/aruba`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  cleanups.push(async () => ws.terminate());
  return ws;
}

async function gateway(t: TestTenant, apMac: string) {
  return pipeline.db.gateway.findUnique({ where: { tenantId_mac: { tenantId: t.id, mac: apMac } }, include: { stats: true } });
}

beforeAll(async () => {
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 20, sensors: [...fleet, ...backgroundFleet] });
      guarded = await createTestTenant(db, box, { maxGateways: 20, allowedMacs: ["02aaaaaaaaaa"] });
      lockedOut = await createTestTenant(db, box, {});
    },
    ingest: { maxMessageBytes: MAX_MESSAGE_BYTES, auth: { failuresPer15Min: 3 } },
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await collector?.close();
  await pipeline?.stop();
});

describe("POST /auth/aruba", () => {
  it("answers JSON credentials with an access token and its lifetime in both spellings", async () => {
    const response = await postJson(`${pipeline.ingestHttpUrl}/auth/aruba`, JSON.stringify(tenant.aruba));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{64}$/), token_type: "Bearer", expires_in: 3600, expiring_in: 3600 });
  });

  it("accepts the field-name variants access points use: user/pass, client_id/client_secret, a form body", async () => {
    const url = `${pipeline.ingestHttpUrl}/auth/aruba`;
    const { username, password } = tenant.aruba;
    expect((await postJson(url, JSON.stringify({ user: username, pass: password }))).status).toBe(200);
    expect((await postJson(url, JSON.stringify({ client_id: username, client_secret: password, grant_type: "client_credentials" }))).status).toBe(200);
    expect((await postJson(url, JSON.stringify({ clientId: username, clientSecret: password }))).status).toBe(200);
    const form = new URLSearchParams({ username, password }).toString();
    expect((await postJson(url, form, { contentType: "application/x-www-form-urlencoded" })).status).toBe(200);
  });

  it("refuses a wrong password with 401 and a body that is not JSON with 400", async () => {
    // Its own source address, so that the failures it counts hold back no other test.
    const localAddress = "127.0.0.3";
    const url = `${pipeline.ingestHttpUrl}/auth/aruba`;
    const wrong = await postJson(url, JSON.stringify({ username: tenant.aruba.username, password: "not-the-password" }), { localAddress });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: "invalid_client", error_description: "Incorrect credentials." });
    const unknown = await postJson(url, JSON.stringify({ username: "nobody-here", password: "x" }), { localAddress });
    expect(unknown.status).toBe(401);
    const notJson = await postJson(url, "username=a&password=b", { contentType: "text/plain", localAddress });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toEqual({ error: "invalid_request", error_description: "Payload is not JSON." });
    const empty = await postJson(url, JSON.stringify({ hello: "world" }), { localAddress });
    expect(empty.status).toBe(400);
  });

  it("rate-limits failed logins per source address, with Retry-After, while other sources still log in", async () => {
    const localAddress = "127.0.0.4";
    const url = `${pipeline.ingestHttpUrl}/auth/aruba`;
    // A different username each time: only the source address connects the attempts.
    let n = 0;
    const attempt = () => postJson(url, JSON.stringify({ username: `guess-${n++}`, password: "guess" }), { localAddress });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await attempt();
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The right password from this source is held back too; from another source it works, and
    // the access points that logged in before are not locked out by the username's failures.
    expect((await postJson(url, JSON.stringify(tenant.aruba), { localAddress })).status).toBe(429);
    expect((await postJson(url, JSON.stringify(tenant.aruba))).status).toBe(200);
  });

  it("rate-limits failed logins per username across source addresses", async () => {
    const url = `${pipeline.ingestHttpUrl}/auth/aruba`;
    // A source that logged in before keeps working: guessing cannot lock a tenant's APs out.
    expect((await postJson(url, JSON.stringify(lockedOut.aruba), { localAddress: "127.0.1.9" })).status).toBe(200);
    const username = lockedOut.aruba.username;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const localAddress = `127.0.1.${10 + i}`;
      statuses.push((await postJson(url, JSON.stringify({ username, password: "guess" }), { localAddress })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await postJson(url, JSON.stringify(lockedOut.aruba), { localAddress: "127.0.1.20" })).status).toBe(429);
    expect((await postJson(url, JSON.stringify(lockedOut.aruba), { localAddress: "127.0.1.9" })).status).toBe(200);
  });
});

describe("access point registration and health", () => {
  it("lists an access point after its hello, with hwType and swVersion, connected", async () => {
    const ap = accessPoint(tenant, { hwType: "AP-305", swVersion: "8.7.1.1-8.7.1.1" });
    await ap.connect();
    const row = await eventually(() => gateway(tenant, ap.id), 5000, "the access point");
    expect(row).toMatchObject({ kind: "ARUBA", mac: ap.id, hardwareDescriptor: "AP-305", softwareVersion: "8.7.1.1-8.7.1.1", connectionState: "CONNECTED", licensed: true });
    const listed = (await listGatewayStatistics(pipeline.db, tenant.id)).find((g) => g.device.mac === ap.id);
    expect(listed?.device).toEqual({ hardwareDescriptor: "AP-305", mac: ap.id, softwareVersion: "8.7.1.1-8.7.1.1" });
    await ap.close();
    await eventually(async () => (await gateway(tenant, ap.id))?.connectionState === "DISCONNECTED", 5000, "disconnected");
  });

  it("reports AP and USB stick health: healthy, degraded, unplugged", async () => {
    const ap = accessPoint(tenant);
    await ap.connect();
    ap.health();
    const healthy = await eventually(async () => {
      const g = await gateway(tenant, ap.id);
      return g?.lastHealthAt ? g : undefined;
    });
    expect(healthy).toMatchObject({ apHealth: "HEALTHY", usbHealth: "HEALTHY" });
    expect((healthy.healthDetail as { usb: { identifier: string }[] }).usb[0]!.identifier).toMatch(/^ENOCEAN_USB:/);
    ap.usbState = "degraded";
    ap.health();
    await eventually(async () => (await gateway(tenant, ap.id))?.usbHealth === "DEGRADED", 5000, "degraded stick");
    ap.usbState = "unplugged";
    ap.apState = "degraded";
    ap.health();
    const unplugged = await eventually(async () => {
      const g = await gateway(tenant, ap.id);
      return g?.usbHealth === "UNPLUGGED" ? g : undefined;
    }, 5000, "unplugged stick");
    expect(unplugged.apHealth).toBe("DEGRADED");
  });

  it("registers every access point a controller carries on one connection", async () => {
    const connection = new ArubaConnection({ baseUrl: pipeline.ingestHttpUrl, ...tenant.aruba, reconnect: false });
    const aps = [mac(), mac(), mac()].map((m) => new ArubaAccessPoint(connection, { mac: m, healthIntervalMs: 0 }));
    cleanups.push(() => connection.close());
    await aps[0]!.connect();
    aps[1]!.hello();
    aps[2]!.hello();
    for (const ap of aps) await eventually(() => gateway(tenant, ap.id), 5000, `access point ${ap.id}`);
    expect(connection.connects).toBe(1);
  });

  it("drops the messages of an access point that is not on the credential's allow-list", async () => {
    const allowed = accessPoint(guarded, { mac: "02aaaaaaaaaa" });
    const stranger = accessPoint(guarded);
    await allowed.connect();
    await stranger.connect();
    stranger.hello();
    allowed.hello();
    await eventually(() => gateway(guarded, "02aaaaaaaaaa"), 5000, "the allowed access point");
    await new Promise((r) => setTimeout(r, 300));
    expect(await gateway(guarded, stranger.id)).toBeNull();
    // The credential decides the tenant: nothing of this tenant's access points shows up in another.
    expect(await gateway(tenant, "02aaaaaaaaaa")).toBeNull();
  });
});

describe("telegrams heard by several access points", () => {
  let simulator: GatewaySimulator;

  beforeAll(async () => {
    simulator = new GatewaySimulator({
      protocol: "aruba",
      url: pipeline.ingestHttpUrl,
      ...tenant.aruba,
      gateways: 3,
      sensors: fleet,
      healthIntervalMs: 0,
      record: true,
      receptionSpreadMs: 15,
      macPrefix: "02bbbb",
    });
    cleanups.push(() => simulator.stop());
    await simulator.start();
    // Frames of an access point wait for its registration; start once all three are known.
    for (const ap of simulator.accessPoints) await eventually(() => gateway(tenant, ap.id), 5000, `access point ${ap.id}`);
  });

  it("come out exactly once, with all three receptions and the best RSSI in raw.rssi", async () => {
    const sent = fleet.map((sensor) => simulator.sendReading(sensor));
    const fingerprints = sent.map((s) => s.fingerprints.at(-1)!);
    await collector.waitFor(() => fingerprints.every((f) => collector.byFingerprint(f).length > 0), 15_000, "one message per reading");
    await new Promise((r) => setTimeout(r, 700)); // a second copy would arrive by now
    for (const [i, fingerprint] of fingerprints.entries()) {
      const messages = collector.byFingerprint(fingerprint);
      expect(messages, `reading of ${fleet[i]!.eurid}`).toHaveLength(1);
      const message = messages[0]!.message;
      const receptions = message.tidewire.receptions;
      expect(receptions.map((r) => r.gateway).sort()).toEqual(simulator.accessPoints.map((ap) => ap.id).sort());
      const heard = fleet[i]!.hearing.map((h) => h.dBm);
      expect(receptions.map((r) => r.rssi).sort()).toEqual([...heard].sort());
      expect(message.raw.rssi).toBe(Math.min(...heard));
      expect(message.sensor.id).toBe(fleet[i]!.eurid);
    }
  });

  it("counts each reception for its access point and each telegram once for its device", async () => {
    await pipeline.worker.flushStats();
    await pipeline.ingest.counters.flush();
    const stats = await listGatewayStatistics(pipeline.db, tenant.id);
    for (const ap of simulator.accessPoints) {
      const entry = stats.find((s) => s.device.mac === ap.id)!;
      expect(entry.stats).toMatchObject({ totalTelegramCount: fleet.length, successfullyProcessed: fleet.length, notProcessed: 0 });
      expect(Number(entry.stats.lastSeen)).toBeGreaterThan(Date.now() / 1000 - 60);
    }
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId: tenant.id, sourceEurid: fleet[0]!.eurid }, include: { stats: true } });
    expect(device.stats).toMatchObject({ totalTelegramCount: 1n, successfullyProcessed: 1n, notProcessed: 0n });
  });

  it("reassembles an ESP3 frame split across two serial-data messages", async () => {
    const sensor = fleet[1]!;
    const reading = nextReading(sensor, 0, seededRandom(5));
    const frame = radioFrame(reading.telegrams[0]!, sensor.eurid, 61);
    const ap = simulator.accessPoints[0]!;
    ap.sendBytes(frame.subarray(0, 9));
    ap.sendBytes(frame.subarray(9));
    await collector.waitFor(() => collector.byFingerprint(reading.fingerprints[0]!).length === 1, 10_000, "the split telegram");
    expect(collector.byFingerprint(reading.fingerprints[0]!)[0]!.message.raw.rssi).toBe(61);
  });
});

describe("bad input", () => {
  let background: GatewaySimulator;

  beforeAll(async () => {
    background = new GatewaySimulator({ protocol: "aruba", url: pipeline.ingestHttpUrl, ...tenant.aruba, gateways: 1, sensors: backgroundFleet, healthIntervalMs: 0, record: true, macPrefix: "02cccc" });
    cleanups.push(() => background.stop());
    await background.start();
    await eventually(() => gateway(tenant, background.accessPoints[0]!.id), 5000, "the background access point");
  });

  // Sensors 0-2 belong to the background access point, 3 and 4 to the tests below. A sensor's
  // readings are spaced beyond the duplicate window: identical bytes within it are one telegram.
  let next = 0;
  const lastSent = new Map<number, number>();

  /** Sends a reading from the background access point and checks that it is delivered. */
  async function backgroundStillFlows() {
    const index = next++ % 3;
    const wait = (lastSent.get(index) ?? 0) + 600 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastSent.set(index, Date.now());
    const sent = background.sendReading(backgroundFleet[index]!);
    const fingerprint = sent.fingerprints.at(-1)!;
    await collector.waitFor(() => collector.byFingerprint(fingerprint).length === 1, 10_000, "the background access point's telegram");
  }

  it("closes a connection whose token is unknown with 1008, after a token-expired status", async () => {
    const ws = await rawSocket();
    const southbound = new Promise<Buffer>((resolve) => ws.once("message", (d) => resolve(d as Buffer)));
    const closed = closeOf(ws);
    ws.send(encodeTelemetry({ accessToken: "not-a-token", nbTopic: "telemetry", reporter: { mac: mac() } }));
    expect(await closed).toEqual({ code: 1008, reason: "invalid token" });
    expect(decodeSouthbound(await southbound)).toMatchObject({ sbTopic: 2, status: { connectCode: 1, connectDescription: "invalid token" } });
    await backgroundStillFlows();
  });

  it("closes a connection whose token expired with 1008 'token expired'", async () => {
    const redis = createRedis(process.env.REDIS_URL!);
    cleanups.push(async () => redis.disconnect());
    const shortLived = new ArubaAccessTokens({ redis, prefix: pipeline.prefix, db: pipeline.db, ttlSeconds: 1 });
    const credential = await pipeline.db.ingressCredential.findFirstOrThrow({ where: { tenantId: tenant.id, kind: "ARUBA" } });
    const { token } = await shortLived.issue({ tenantId: tenant.id, credentialId: credential.id, allowedMacs: [] });
    const ws = await rawSocket();
    const reporter = { mac: mac(), hwType: "AP-505" };
    ws.send(encodeTelemetry({ accessToken: token, nbTopic: "telemetry", reporter }));
    await eventually(() => gateway(tenant, reporter.mac), 5000, "registration with the fresh token");
    await new Promise((r) => setTimeout(r, 1100));
    const closed = closeOf(ws);
    ws.send(encodeTelemetry({ accessToken: token, nbTopic: "telemetry", reporter }));
    expect(await closed).toEqual({ code: 1008, reason: "token expired" });
  });

  it("closes a connection with 1009 when a message is larger than the limit", async () => {
    const ap = accessPoint(tenant);
    await ap.connect();
    await eventually(() => gateway(tenant, ap.id), 5000, "the access point");
    const closed = new Promise<{ code: number }>((resolve) => {
      const check = setInterval(() => {
        if (ap.connection.lastClose) {
          clearInterval(check);
          resolve(ap.connection.lastClose);
        }
      }, 20);
    });
    ap.sendBytes(randomBytes(MAX_MESSAGE_BYTES + 100));
    expect((await closed).code).toBe(1009);
    await backgroundStillFlows();
  });

  it("closes with 1008 a connection whose first message is random bytes", async () => {
    const ws = await rawSocket();
    const closed = closeOf(ws);
    ws.send(randomBytes(200));
    expect((await closed).code).toBe(1008);
    await backgroundStillFlows();
  });

  it("counts random bytes and a truncated protobuf against the access point and keeps its connection", async () => {
    const ap = accessPoint(tenant);
    await ap.connect();
    const registered = await eventually(() => gateway(tenant, ap.id), 5000, "the access point");
    const valid = encodeTelemetry({ accessToken: ap.connection.token!, nbTopic: "telemetry", reporter: ap.reporter });
    ap.connection.sendRaw(Uint8Array.from(randomBytes(300)));
    ap.connection.sendRaw(valid.subarray(0, valid.length - 7));
    ap.connection.sendRaw(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    await backgroundStillFlows();
    expect(ap.connected).toBe(true);
    const stats = await eventually(async () => {
      await pipeline.ingest.counters.flush();
      const row = await pipeline.db.gatewayStats.findUniqueOrThrow({ where: { gatewayId: registered.id } });
      return row.notProcessed === 3n ? row : undefined;
    }, 5000, "three undecodable messages counted");
    expect(stats.notProcessedByReason).toEqual({ BAD_PROTOBUF: 3 });
    expect(ap.connected).toBe(true);
    // And it still delivers.
    const sensor = backgroundFleet[3]!;
    const reading = nextReading(sensor, 0, seededRandom(77));
    ap.sendBytes(radioFrame(reading.telegrams[0]!, sensor.eurid, 70));
    await collector.waitFor(() => collector.byFingerprint(reading.fingerprints[0]!).length === 1, 10_000, "a telegram after the bad input");
  });

  it("counts garbage and bad CRCs in the serial data per access point", async () => {
    const ap = accessPoint(tenant);
    await ap.connect();
    const registered = await eventually(() => gateway(tenant, ap.id), 5000, "the access point");
    const sensor = backgroundFleet[4]!;
    // A frame with no 0x55 after its sync byte: the framer's rescan of the corrupted copy then
    // finds nothing, so exactly one problem is counted for it.
    const random = seededRandom(78);
    let reading = nextReading(sensor, 0, random);
    let frame = radioFrame(reading.telegrams[0]!, sensor.eurid, 70);
    while (frame.subarray(1).includes(0x55)) {
      reading = nextReading(sensor, 0, random);
      frame = radioFrame(reading.telegrams[0]!, sensor.eurid, 70);
    }
    const corrupt = frame.slice();
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0xff; // CRC8D
    ap.sendBytes(Uint8Array.from([1, 2, 3, 4]));
    ap.sendBytes(corrupt);
    ap.sendBytes(frame);
    await collector.waitFor(() => collector.byFingerprint(reading.fingerprints[0]!).length === 1, 10_000, "the good frame");
    await pipeline.ingest.counters.flush();
    await pipeline.worker.flushStats();
    const stats = await pipeline.db.gatewayStats.findUniqueOrThrow({ where: { gatewayId: registered.id } });
    expect(stats.notProcessedByReason).toEqual({ ESP3_NO_SYNC: 1, ESP3_DATA_CRC: 1 });
    expect(stats.successfullyProcessed).toBe(1n);
  });

  it("delivered every background reading exactly once", async () => {
    const sent = background.report().sent!;
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const reading of sent) expect(collector.byFingerprint(reading.fingerprints.at(-1)!)).toHaveLength(1);
  });
});
