// Duplicate removal across a tenant's gateways and across ingest processes: the same radio
// telegram heard by several access points — connected to two different ingest processes behind
// one Redis — comes out exactly once, with every reception.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listGatewayStatistics } from "@tidewire/db";
import { ArubaAccessPoint, ArubaConnection, createFleet, nextReading, radioFrame, seededRandom, type SimulatedSensor } from "@tidewire/testkit";
import { startIngestProcess, type IngestProcess } from "../support/ingest-process";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const fleet = createFleet({ sensors: 30, gateways: 3, hearing: 3, seed: 21, euridBase: "0c000000", secureShare: 0.3 });
let pipeline: Pipeline;
let second: IngestProcess;
let tenant: TestTenant;
let collector: MessageCollector;
const aps: ArubaAccessPoint[] = [];
const random = seededRandom(3);

function accessPoint(baseUrl: string, mac: string): ArubaAccessPoint {
  const connection = new ArubaConnection({ baseUrl, ...tenant.aruba, reconnect: false });
  return new ArubaAccessPoint(connection, { mac, healthIntervalMs: 0 });
}

/** Sends one reading of a sensor to the given access points, each with its own RSSI. */
function broadcast(sensor: SimulatedSensor, targets: { ap: ArubaAccessPoint; dBm: number }[]) {
  const reading = nextReading(sensor, Date.now() / 1000, random);
  for (const { ap, dBm } of targets) for (const telegram of reading.telegrams) ap.sendBytes(radioFrame(telegram, sensor.eurid, dBm));
  return reading;
}

beforeAll(async () => {
  // What is tested is that receptions meet across processes, not how fast: on a loaded machine the
  // test's own process (which runs the first ingest) can lag the second by more than the default
  // 40 ms gather, so both processes gather longer here.
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 10, sensors: fleet });
    },
    ingest: { dedupWindowMs: 3000, gatherMs: 1000 },
  });
  // Same Redis prefix as the in-process pipeline: the same installation.
  second = await startIngestProcess({ REDIS_PREFIX: pipeline.prefix, DEDUP_WINDOW_MS: "3000", DEDUP_GATHER_MS: "1000" });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
  // Two access points on the in-process ingest, one on the separate ingest process.
  aps.push(accessPoint(pipeline.ingestHttpUrl, "02d000000001"), accessPoint(pipeline.ingestHttpUrl, "02d000000002"), accessPoint(second.httpUrl, "02d000000003"));
  for (const ap of aps) await ap.connect();
  // Each access point is registered by its hello; telegrams sent before that would wait for it.
  for (const ap of aps) {
    await eventually(() => pipeline.db.gateway.findUnique({ where: { tenantId_mac: { tenantId: tenant.id, mac: ap.id } } }), 10_000, `access point ${ap.id}`);
  }
}, 120_000);

afterAll(async () => {
  for (const ap of aps) await ap.close().catch(() => {});
  await collector?.close();
  await second?.stop();
  await pipeline?.stop();
});

describe("duplicate removal across ingest processes", () => {
  it("delivers each telegram heard by three access points on two ingest processes exactly once, with all three receptions", async () => {
    const readings = fleet.map((sensor) => ({
      sensor,
      reading: broadcast(sensor, [
        { ap: aps[0]!, dBm: 48 },
        { ap: aps[2]!, dBm: 57 },
        { ap: aps[1]!, dBm: 66 },
      ]),
    }));
    const last = (r: (typeof readings)[number]) => r.reading.fingerprints.at(-1)!;
    await collector.waitFor(() => readings.every((r) => collector.byFingerprint(last(r)).length > 0), 20_000, "every reading");
    await new Promise((r) => setTimeout(r, 800));
    for (const r of readings) {
      const messages = collector.byFingerprint(last(r));
      expect(messages, r.sensor.eurid).toHaveLength(1);
      const receptions = messages[0]!.message.tidewire.receptions;
      expect(receptions.map((x) => x.gateway).sort()).toEqual(["02d000000001", "02d000000002", "02d000000003"]);
      expect(messages[0]!.message.raw.rssi).toBe(48);
    }
    // Secure sensors were among them: their rolling codes moved on once per reading.
    expect(readings.some((r) => r.sensor.security)).toBe(true);
    expect(collector.messages).toHaveLength(readings.length);
  });

  it("counts every reception for its access point, whichever process received it", async () => {
    await pipeline.worker.flushStats();
    const stats = await listGatewayStatistics(pipeline.db, tenant.id);
    for (const mac of ["02d000000001", "02d000000002", "02d000000003"]) {
      expect(stats.find((s) => s.device.mac === mac)?.stats).toMatchObject({ totalTelegramCount: fleet.length, successfullyProcessed: fleet.length, notProcessed: 0 });
    }
  });
});
