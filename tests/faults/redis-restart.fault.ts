// Redis restarted under load: the scenario's own Redis, run as production runs it (AOF, fsync
// every second), is shut down (SIGTERM: it writes its AOF) and started again 10 s later on the
// same port and data. Ingest holds and pauses its gateways meanwhile (backpressure); ingest,
// workers and broker reconnect by themselves.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { expectNothingLost, underLoad } from "./support/scenario";
import { sleep } from "./support/wait";

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "redis-restart", euridBase: 0x05a20000 });
});
afterAll(async () => system?.stop());

it("loses no accepted telegram across a Redis restart, and every process reconnects by itself", async () => {
  const outcome = await underLoad(system, "Redis restarted (AOF everysec, SIGTERM, 10 s down)", { rate: 200 }, async (notes) => {
    await sleep(10_000);
    await system.redis.stop("term");
    await sleep(10_000);
    await system.redis.start();
    notes.redisDownSeconds = 10;
    await sleep(20_000);
    notes.processesStillRunning = [system.ingest, system.worker, system.broker].every((p) => p.running);
  });
  expect(outcome.notes.processesStillRunning).toBe(true);
  expectNothingLost(outcome);
});
