// The ingest role's Prometheus metrics (docs/metrics.md) against the real pipeline: frames
// received, accepted and rejected per reason, duplicate hits, connections and the queue backlog;
// and the stage timings of ingest and worker that split a telegram's latency.
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleet, GenericGatewayClient, nextReading, radioFrame, seededRandom } from "@tidewire/testkit";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const fleet = createFleet({ sensors: 2, gateways: 1, hearing: 1, seed: 21, euridBase: "0e100000" });
const random = seededRandom(7);
const registry = new Registry();
const workerRegistry = new Registry();
let pipeline: Pipeline;
let tenant: TestTenant;
let collector: MessageCollector;
const clients: GenericGatewayClient[] = [];

/** The value of one series in the registry's exposition (0 when absent). */
async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const json = await registry.getMetricsAsJSON();
  const values = json.find((m) => m.name === name)?.values ?? [];
  const match = values.find((v) => Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l));
  return match ? Number(match.value) : 0;
}

function gateway(id: string) {
  const client = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: tenant.gatewayToken, gatewayId: id, reconnect: false });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 20, sensors: fleet });
    },
    ingest: { registry },
    workerRegistry,
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
});

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await collector?.close();
  await pipeline?.stop();
});

describe("ingest metrics", () => {
  it("count connections, frames received and accepted, duplicate hits and rejections by reason", async () => {
    const [a, b] = [gateway("metrics-a"), gateway("metrics-b")];
    await Promise.all([a.connect(), b.connect()]);
    await eventually(async () => (await metric("tidewire_ingest_connections", { protocol: "generic" })) === 2, 5000, "two connections");
    expect(await metric("tidewire_ingest_connected_gateways")).toBe(2);

    const sensor = fleet[0]!;
    const reading = nextReading(sensor, 0, random);
    const frame = radioFrame(reading.telegrams[0]!, sensor.eurid, 60);
    // The same radio telegram heard by both gateways: one goes on, the other is a duplicate hit.
    a.sendBytes(frame);
    b.sendBytes(frame);
    a.sendBytes(Uint8Array.from([0x01, 0x02, 0x03]));
    await collector.waitFor(() => collector.byFingerprint(reading.fingerprints[0]!).length === 1, 10_000, "the telegram");
    await eventually(async () => (await metric("tidewire_ingest_frames_rejected_total", { reason: "ESP3_NO_SYNC" })) === 1, 5000, "the garbage counted");
    expect(await metric("tidewire_ingest_frames_received_total")).toBe(2);
    expect(await metric("tidewire_ingest_frames_accepted_total")).toBe(1);
    expect((await metric("tidewire_ingest_duplicate_hits_total", { kind: "joined" })) + (await metric("tidewire_ingest_duplicate_hits_total", { kind: "late" }))).toBe(1);
    expect(await metric("tidewire_ingest_backpressure")).toBe(0);
    // Everything was decoded: nothing waits on the decode queues.
    await eventually(async () => (await metric("tidewire_ingest_queue_backlog_jobs")) === 0, 10_000, "an empty backlog");

    const text = await registry.metrics();
    for (const name of ["tidewire_ingest_frames_held", "tidewire_ingest_queue_backlog_jobs"]) expect(text).toContain(`# HELP ${name} `);
    await a.close();
    await eventually(async () => (await metric("tidewire_ingest_connections", { protocol: "generic" })) === 1, 5000, "one connection left");
  });

  it("time every stage of a telegram's way: held at ingest, waiting for and in the worker, waiting for and in delivery", async () => {
    const a = gateway("metrics-stages");
    await a.connect();
    const stages = async () => ({
      ingestHold: await observed("tidewire_ingest_hold_seconds", {}, registry),
      batchWait: await observed("tidewire_worker_batch_wait_seconds"),
      batch: await observed("tidewire_worker_batch_seconds"),
      outboundWrite: await observed("tidewire_worker_write_seconds", { part: "outbound" }),
      storedWrite: await observed("tidewire_worker_write_seconds", { part: "stored" }),
      deliveryWait: await observed("tidewire_egress_batch_wait_seconds", { kind: "BUILTIN_MQTT" }),
      deliver: await observed("tidewire_egress_deliver_seconds", { kind: "BUILTIN_MQTT" }),
    });
    const before = await stages();
    const sensor = fleet[1]!;
    const reading = nextReading(sensor, 0, random);
    a.sendBytes(radioFrame(reading.telegrams[0]!, sensor.eurid, 55));
    await collector.waitFor(() => collector.byFingerprint(reading.fingerprints[0]!).length === 1, 10_000, "the telegram");
    const after = await stages();
    for (const [stage, n] of Object.entries(after)) {
      const b = before[stage as keyof typeof before];
      expect(n.count, stage).toBeGreaterThan(b.count);
      // Every stage takes some time, and none of them seconds on an idle pipeline.
      expect(n.sum - b.sum, stage).toBeGreaterThan(0);
      expect(n.sum - b.sum, stage).toBeLessThan(5);
    }
    // The telegram was held at least for its reception gathering (40 ms by default).
    expect(after.ingestHold.sum - before.ingestHold.sum).toBeGreaterThanOrEqual(0.035);
    await a.close();
  });
});

/** Observations and their sum in seconds of one histogram series (the worker's by default). */
async function observed(name: string, labels: Record<string, string> = {}, from: Registry = workerRegistry): Promise<{ count: number; sum: number }> {
  const json = await from.getMetricsAsJSON();
  const values = (json.find((m) => m.name === name)?.values ?? []) as { metricName?: string; value: number; labels: Record<string, unknown> }[];
  const pick = (suffix: string) =>
    values.filter((v) => v.metricName === `${name}_${suffix}` && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l)).reduce((a, v) => a + Number(v.value), 0);
  return { count: pick("count"), sum: pick("sum") };
}
