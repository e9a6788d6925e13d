// PostgreSQL "restarted" under load. The machine's PostgreSQL serves other work and cannot be
// restarted safely, so every Tidewire process reaches it through a TCP proxy the test controls:
// the proxy drops every connection and refuses new ones for 15 s (what a restart looks like
// from the processes' side), then lets them through again.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { expectNothingLost, underLoad } from "./support/scenario";
import { sleep } from "./support/wait";

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "postgres-restart", euridBase: 0x05a30000 });
});
afterAll(async () => system?.stop());

it("loses no accepted telegram while PostgreSQL is away for 15 s, and keeps per-device order", async () => {
  const outcome = await underLoad(system, "PostgreSQL away 15 s (connections cut by a proxy)", { rate: 200 }, async (notes) => {
    await sleep(10_000);
    await system.postgres.cut();
    await sleep(15_000);
    await system.postgres.restore();
    notes.postgresDownSeconds = 15;
    await sleep(20_000);
    notes.processesStillRunning = [system.ingest, system.worker, system.broker].every((p) => p.running);
  });
  expect(outcome.notes.processesStillRunning).toBe(true);
  expectNothingLost(outcome);
});
