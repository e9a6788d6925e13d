// A worker killed with SIGKILL in the middle of batches, twice, and started again: BullMQ's
// stalled-job check brings the batches it held back to the head of their queues.
import { afterAll, beforeAll, it } from "vitest";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { expectNothingLost, underLoad } from "./support/scenario";
import { sleep } from "./support/wait";

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "worker-kill", euridBase: 0x05a10000 });
});
afterAll(async () => system?.stop());

it("loses no accepted telegram when a worker is killed mid-batch and restarted", async () => {
  const outcome = await underLoad(system, "worker killed (SIGKILL) mid-batch, restarted", { rate: 200 }, async (notes) => {
    await sleep(10_000);
    const kills: number[] = [];
    for (let i = 0; i < 2; i++) {
      await system.worker.kill();
      kills.push(Date.now());
      await sleep(2_000);
      await system.worker.start();
      await sleep(10_000);
    }
    notes.kills = kills.length;
  });
  expectNothingLost(outcome);
});
