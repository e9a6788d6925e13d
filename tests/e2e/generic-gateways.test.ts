// Generic gateway protocol v1 (docs/gateway-protocol.md) against the whole pipeline: hello,
// binary and JSON frames, errors, heartbeats, size limit, authentication failures and the
// license's gateway limit.
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyLicenseLimits } from "@tidewire/db";
import { createFleet, GenericGatewayClient, nextReading, radioFrame, seededRandom } from "@tidewire/testkit";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, grantLicense, type TestTenant } from "../support/tenant-setup";

const MAX_MESSAGE_BYTES = 8 * 1024;
const fleet = createFleet({ sensors: 6, gateways: 1, hearing: 1, seed: 8, euridBase: "0e000000" });
const random = seededRandom(4);
let pipeline: Pipeline;
let tenant: TestTenant;
let trial: TestTenant;
let collector: MessageCollector;
let trialCollector: MessageCollector;
const closers: (() => Promise<unknown>)[] = [];

function gateway(t: TestTenant, id: string, extra: Partial<ConstructorParameters<typeof GenericGatewayClient>[0]> = {}) {
  const client = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: t.gatewayToken, gatewayId: id, reconnect: false, ...extra });
  closers.push(() => client.close());
  return client;
}

const frameOf = (sensorIndex: number, dBm = 60) => {
  const sensor = fleet[sensorIndex]!;
  const reading = nextReading(sensor, 0, random);
  return { frame: radioFrame(reading.telegrams[0]!, sensor.eurid, dBm), fingerprint: reading.fingerprints[0]! };
};

const row = (t: TestTenant, id: string) =>
  pipeline.db.gateway.findUnique({ where: { tenantId_mac: { tenantId: t.id, mac: id } }, include: { stats: true } });

beforeAll(async () => {
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 20, sensors: fleet });
      // No license: the default limit of two gateways applies.
      trial = await createTestTenant(db, box, { sensors: fleet });
    },
    ingest: { maxMessageBytes: MAX_MESSAGE_BYTES, heartbeatSeconds: 1, licenseRefreshMs: 60_000 },
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
  trialCollector = await MessageCollector.connect(pipeline.brokerUrl, trial.mqtt);
});

afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  await collector?.close();
  await trialCollector?.close();
  await pipeline?.stop();
});

describe("generic gateway protocol v1", () => {
  it("greets a gateway with the protocol, its identity, license state, heartbeat and size limit", async () => {
    const gw = gateway(tenant, "gw-hello");
    await gw.connect();
    expect(gw.hello).toEqual({ protocol: "tidewire-gateway/1", gateway: "gw-hello", licensed: true, heartbeatSeconds: 1, maxMessageBytes: MAX_MESSAGE_BYTES });
    expect(await row(tenant, "gw-hello")).toMatchObject({ kind: "SIMULATOR", connectionState: "CONNECTED", hardwareDescriptor: "Tidewire simulator" });
  });

  it("takes ESP3 bytes split across binary messages, several frames in one message, and JSON frames", async () => {
    const gw = gateway(tenant, "gw-frames");
    await gw.connect();
    const a = frameOf(0);
    const b = frameOf(1);
    const c = frameOf(2);
    const d = frameOf(3);
    gw.sendBytes(a.frame.subarray(0, 5));
    gw.sendBytes(Buffer.concat([a.frame.subarray(5), b.frame]));
    gw.sendJson([c.frame, d.frame]);
    await collector.waitFor(() => [a, b, c, d].every((x) => collector.byFingerprint(x.fingerprint).length === 1), 10_000, "four telegrams");
  });

  it("answers garbage, bad CRCs, bad JSON and bad hex with an error message, counts them, and keeps the connection", async () => {
    const gw = gateway(tenant, "gw-errors");
    await gw.connect();
    // A frame with no 0x55 after its sync byte, so that the corrupted copy is one problem only.
    let good = frameOf(4);
    while (good.frame.subarray(1).includes(0x55)) good = frameOf(4);
    const corrupt = good.frame.slice();
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0x01; // CRC8D
    gw.sendBytes(Uint8Array.from([0x01, 0x02, 0x03]));
    gw.sendBytes(corrupt);
    gw.socket!.send("not json");
    gw.socket!.send(JSON.stringify({ esp3: "abc" }));
    gw.sendBytes(good.frame);
    await collector.waitFor(() => collector.byFingerprint(good.fingerprint).length === 1, 10_000, "the good telegram");
    await eventually(() => gw.serverErrors.length >= 4, 5000, "four error messages");
    expect(gw.serverErrors.map((e) => e.code).sort()).toEqual(["BAD_HEX", "BAD_JSON", "ESP3_DATA_CRC", "ESP3_NO_SYNC"]);
    expect(gw.connected).toBe(true);
    await pipeline.ingest.counters.flush();
    const stats = (await row(tenant, "gw-errors"))!.stats!;
    expect(stats.notProcessedByReason).toEqual({ BAD_HEX: 1, BAD_JSON: 1, ESP3_DATA_CRC: 1, ESP3_NO_SYNC: 1 });
  });

  it("closes the connection with 1009 when a message exceeds the size limit", async () => {
    const gw = gateway(tenant, "gw-big");
    await gw.connect();
    gw.sendBytes(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    await eventually(() => gw.lastClose, 5000, "the close");
    expect(gw.lastClose!.code).toBe(1009);
  });

  it("closes a half-open connection that stops answering pings, and marks the gateway disconnected", async () => {
    const silent = gateway(tenant, "gw-silent", { autoPong: false });
    const alive = gateway(tenant, "gw-alive");
    await silent.connect();
    await alive.connect();
    await eventually(() => silent.lastClose, 6000, "the silent gateway to be closed");
    expect(silent.lastClose!.code).toBe(1006); // terminated: no close handshake with a dead peer
    await eventually(async () => (await row(tenant, "gw-silent"))?.connectionState === "DISCONNECTED", 5000, "disconnected state");
    expect(alive.connected).toBe(true);
  });

  it("refuses a missing or unknown token with HTTP 401", async () => {
    const noToken = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, gatewayId: "x", reconnect: false, localAddress: "127.0.3.1" });
    await expect(noToken.connect()).rejects.toThrow("HTTP 401");
    const unknown = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: "twg_unknown_token_123", gatewayId: "x", reconnect: false, localAddress: "127.0.3.1" });
    await expect(unknown.connect()).rejects.toThrow("HTTP 401");
  });

  it("holds back a source address after repeated failed logins with HTTP 429", async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 11; i++) {
      const client = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: `twg_guess_${i}_xxxxxxxx`, gatewayId: "x", reconnect: false, localAddress: "127.0.3.2" });
      statuses.push(await client.connect().then(() => "open", (e: Error) => e.message));
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill("HTTP 401"));
    expect(statuses[10]).toBe("HTTP 429");
    const right = gateway(tenant, "gw-after-429", { localAddress: "127.0.3.2" });
    await expect(right.connect()).rejects.toThrow("HTTP 429");
  });

  it("refuses an invalid gateway id with HTTP 403", async () => {
    const client = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: tenant.gatewayToken, gatewayId: "bad id with spaces", reconnect: false });
    await expect(client.connect()).rejects.toThrow("HTTP 403");
  });

  it("answers an unknown path with 404", async () => {
    const ws = new WebSocket(`${pipeline.ingestUrl}/nowhere`);
    const status = await new Promise<number>((resolve) => ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });
});

describe("the license's gateway limit", () => {
  const clients: GenericGatewayClient[] = [];

  it("drops the telegrams of a gateway over the limit, counts them as LICENSE, and says so in the hello", async () => {
    for (const id of ["trial-1", "trial-2", "trial-3"]) {
      const client = gateway(trial, id);
      await client.connect();
      clients.push(client);
    }
    const [first, , third] = clients as [GenericGatewayClient, GenericGatewayClient, GenericGatewayClient];
    expect(clients.map((c) => c.hello!.licensed)).toEqual([true, true, false]);
    const dropped = frameOf(5);
    third.sendBytes(dropped.frame);
    const delivered = frameOf(0);
    first.sendBytes(delivered.frame);
    await trialCollector.waitFor(() => trialCollector.byFingerprint(delivered.fingerprint).length === 1, 10_000, "the licensed gateway's telegram");
    await new Promise((r) => setTimeout(r, 300));
    expect(trialCollector.byFingerprint(dropped.fingerprint)).toHaveLength(0);
    await pipeline.ingest.counters.flush();
    const stats = (await row(trial, "trial-3"))!;
    expect(stats.licensed).toBe(false);
    expect(stats.stats).toMatchObject({ totalTelegramCount: 1n, notProcessed: 1n, notProcessedByReason: { LICENSE: 1 } });
  });

  it("admits the gateway once a license raises the limit, without a reconnect", async () => {
    await grantLicense(pipeline.db, trial.id, 5);
    // What the portal does when a license changes (applyLicenseLimits), then ingest's periodic re-read.
    const enforcement = await applyLicenseLimits(pipeline.db, trial.id, process.env.LICENSE_PUBLIC_KEY!);
    expect(enforcement.gateways).toMatchObject({ licensed: 3, unlicensed: 0 });
    await pipeline.ingest.registry.refreshLicenses();
    const now = frameOf(5);
    clients[2]!.sendBytes(now.frame);
    await trialCollector.waitFor(() => trialCollector.byFingerprint(now.fingerprint).length === 1, 10_000, "the newly licensed gateway's telegram");
  });
});
