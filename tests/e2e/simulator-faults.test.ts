// The simulator's faults against the whole pipeline: garbage, split frames, corrupted frames and
// dropped connections are counted per gateway, never crash ingest, and the telegrams that were
// sent intact still arrive, each once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleet, GatewaySimulator } from "@tidewire/testkit";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const fleet = createFleet({ sensors: 40, gateways: 4, hearing: 2, seed: 31, euridBase: "0f100000" });
let pipeline: Pipeline;
let tenant: TestTenant;
let collector: MessageCollector;

beforeAll(async () => {
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 10, sensors: fleet });
    },
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
});

afterAll(async () => {
  await collector?.close();
  await pipeline?.stop();
});

describe("simulated faults", () => {
  for (const protocol of ["generic", "aruba"] as const) {
    it(`are counted and survived (${protocol})`, async () => {
      const simulator = new GatewaySimulator({
        protocol,
        url: pipeline.ingestHttpUrl,
        token: tenant.gatewayToken,
        ...tenant.aruba,
        gateways: 4,
        sensors: fleet,
        rate: 60,
        healthIntervalMs: 0,
        faults: { garbage: 0.2, split: 0.3, corrupt: 0.1, disconnect: 0.3 },
        record: true,
        seed: protocol === "aruba" ? 2 : 1,
        gatewayIdPrefix: `faulty-${protocol}-`,
        macPrefix: protocol === "aruba" ? "02f0f0" : "02f1f1",
      });
      collector.messages.length = 0;
      await simulator.start();
      const report = await simulator.run({ durationMs: 3000 });
      expect(report.faults.garbage).toBeGreaterThan(0);
      expect(report.faults.split).toBeGreaterThan(0);
      expect(report.faults.corrupt).toBeGreaterThan(0);
      expect(report.faults.disconnect).toBeGreaterThan(0);
      // Reconnected by themselves after being dropped.
      await eventually(() => simulator.links.every((l) => l.connected), 15_000, "every gateway connected again");
      expect(simulator.links.some((l) => l.stats.connects > 1)).toBe(true);

      // No reading comes out more often than it was sent, whatever the faults did to its copies.
      // (A sensor with little to say, a contact, may send the same bytes in several readings; each
      // of those is a telegram of its own once the duplicate window has passed.)
      const sent = report.sent!.filter((r) => r.gateways.length > 0);
      await new Promise((r) => setTimeout(r, 1500));
      const sentTimes = new Map<string, number>();
      for (const r of sent) sentTimes.set(r.fingerprints.at(-1)!, (sentTimes.get(r.fingerprints.at(-1)!) ?? 0) + 1);
      let delivered = 0;
      for (const [fingerprint, times] of sentTimes) {
        const messages = collector.byFingerprint(fingerprint).length;
        expect(messages, fingerprint).toBeLessThanOrEqual(times);
        delivered += messages;
      }
      expect(delivered).toBeGreaterThan(sent.length * 0.5);

      await pipeline.ingest.flushStats();
      const stats = await pipeline.db.gatewayStats.findMany({ where: { tenantId: tenant.id, gateway: { mac: { in: simulator.links.map((l) => l.id) } } } });
      const reasons = stats.reduce<Record<string, number>>((all, s) => {
        for (const [k, v] of Object.entries(s.notProcessedByReason as Record<string, number>)) all[k] = (all[k] ?? 0) + v;
        return all;
      }, {});
      expect(reasons.ESP3_NO_SYNC ?? 0).toBeGreaterThan(0);
      expect((reasons.ESP3_DATA_CRC ?? 0) + (reasons.ESP3_HEADER_CRC ?? 0)).toBeGreaterThan(0);
      await simulator.stop();
    });
  }
});
