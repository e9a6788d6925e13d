// The soak (npm run test:faults -- --soak; not in CI): 30 minutes at 1,000 telegrams/s (3,000
// frames/s, each telegram heard by three gateways). Memory of every process and the backlog of
// every queue must stay flat, and nothing may be lost.
import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliveryQueueName } from "@tidewire/egress";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { expectNothingLost, underLoad } from "./support/scenario";
import { sleep } from "./support/wait";

const MINUTES = Number(process.env.FAULTS_SOAK_MINUTES ?? 30);
const RATE = Number(process.env.FAULTS_SOAK_RATE ?? 1000);

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "soak", euridBase: 0x05a80000, sensors: 250, gateways: 20 });
});
afterAll(async () => system?.stop());

async function backlog(): Promise<number> {
  const names = [0, 1, 2, 3].map((p) => `telegrams-${p}`).concat(deliveryQueueName(system.mqttTargetId));
  let total = 0;
  for (const name of names) {
    const q = new Queue(name, { connection: system.redisClient, prefix: system.prefix });
    total += await q.getWaitingCount();
    await q.close();
  }
  return total;
}

it(`keeps memory and backlog flat for ${MINUTES} minutes at ${RATE} telegrams/s`, async () => {
  const samples: { minute: number; rssKb: Record<string, number | null>; backlog: number }[] = [];
  const outcome = await underLoad(system, `soak: ${MINUTES} min at ${RATE} telegrams/s`, { rate: RATE, drainMs: 300_000 }, async (notes) => {
    const started = Date.now();
    while (Date.now() - started < MINUTES * 60_000) {
      await sleep(30_000);
      samples.push({ minute: Math.round((Date.now() - started) / 6000) / 10, rssKb: system.rss(), backlog: await backlog() });
    }
    notes.samples = samples;
  });
  // Flat: after the first five minutes (warm-up), no process grows by more than 25 % plus 40 MB,
  // and the backlog at the end is what a few seconds of traffic make.
  const warm = samples.find((s) => s.minute >= Math.min(5, MINUTES / 2)) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  for (const role of ["ingest", "worker", "broker"]) {
    expect({ role, last: last.rssKb[role] }).toEqual({ role, last: expect.any(Number) });
    expect(last.rssKb[role]!).toBeLessThan(warm.rssKb[role]! * 1.25 + 40 * 1024);
  }
  expect(last.backlog).toBeLessThan(RATE * 5);
  expectNothingLost(outcome);
});
