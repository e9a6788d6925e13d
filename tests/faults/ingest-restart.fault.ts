// Ingest restarted under load, once gracefully (SIGTERM) and once killed (SIGKILL). Gateways
// reconnect by themselves. A gateway has no buffer: what it reads off the radio while its
// connection is down is lost at the gateway (counted by the simulator, not sent), and frames in
// flight on a connection that breaks are lost in transit. Everything that reached Redis is
// delivered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { sampleMetrics } from "./support/metric-sample";
import { expectNothingLost, underLoad } from "./support/scenario";
import { sleep, waitUntil } from "./support/wait";

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "ingest-restart", euridBase: 0x05a50000 });
});
afterAll(async () => system?.stop());

it("delivers everything ingest accepted across restarts; gateways reconnect by themselves", async () => {
  // Frames sent from shortly before ingest goes down until the gateways are back may be lost
  // in transit (never read by ingest, or held in the killed process); they are reported apart.
  const windows: { from: number; to: number }[] = [];
  const excused = (at: number) => windows.some((w) => at >= w.from && at <= w.to);
  const outcome = await underLoad(system, "ingest restarted (SIGTERM, then SIGKILL)", { rate: 200, excused }, async (notes) => {
    for (const how of ["stop", "kill"] as const) {
      await sleep(10_000);
      // What ingest holds at the moment it goes (a kill loses it): frames waiting in memory, and
      // whether it had stopped reading the gateways' sockets.
      notes[`${how}IngestHeld`] = await sampleMetrics(system.ingestMetricsUrl, ["tidewire_ingest_frames_held", "tidewire_ingest_backpressure"]).catch(
        (err: Error) => ({ error: err.message }),
      );
      const from = Date.now() - 1_000;
      await system.ingest[how]();
      await sleep(5_000);
      await system.ingest.start();
      const restarted = Date.now();
      await waitUntil(() => system.load.connectedGateways === system.load.links.length, 60_000, "every gateway to reconnect");
      notes[`${how}ReconnectSeconds`] = Math.round((Date.now() - restarted) / 100) / 10;
      windows.push({ from, to: Date.now() + 500 });
    }
    await sleep(10_000);
    notes.droppedAtGatewayWhileDown = system.load.droppedAtGateway;
  });
  expect(outcome.notes.droppedAtGatewayWhileDown as number).toBeGreaterThan(0);
  expectNothingLost(outcome);
});
