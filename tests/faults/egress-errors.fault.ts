// Egress emulators answering errors. EnOS (the emulator in packages/testkit) receives the traced
// readings of five devices as measure points (an EnOS target posts one message at a time and waits
// for each answer, so it is given a share of the load it can carry); one EnOS answers 503 for
// 30 s and then recovers: everything arrives, in order per device. Another never recovers: its
// batches end in the dead letters (after 20 s each, the target's deadLetterAfterSeconds), and a
// replay once it works again delivers them all, in order.
import { afterAll, beforeAll, expect, it } from "vitest";
import { countDeadLetters } from "@tidewire/db";
import { Queue } from "bullmq";
import { deliveryQueueName, replayDeadLetters } from "@tidewire/egress";
import { EnosEmulator } from "@tidewire/testkit";
import { writeScenarioReport } from "./support/fault-report";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { TraceLedger, type TraceCounts } from "./support/trace-ledger";
import { traceOf } from "./support/traced-load";
import { sleep, waitUntil } from "./support/wait";

let system: FaultSystem;
const flaky = new EnosEmulator();
const broken = new EnosEmulator();

function enosTarget(emulator: EnosEmulator, name: string, deadLetterAfterSeconds?: number) {
  emulator.products.set("pk-faults", { productKey: "pk-faults", productSecret: "product-secret", dynamicActivation: false, measurePoints: ["meterReading"] });
  emulator.devices.set("pk-faults/gw", { productKey: "pk-faults", deviceKey: "gw", deviceSecret: "device-secret", activated: true });
  return system.addTarget({
    kind: "ENOS",
    name,
    config: {
      url: emulator.url,
      productKey: "pk-faults",
      deviceKey: "gw",
      measurePointMap: { meterReading: "meterReading" },
      unmappedKeys: "drop",
      replyTimeoutSeconds: 5,
      ...(deadLetterAfterSeconds ? { delivery: { deadLetterAfterSeconds } } : {}),
    },
    secrets: { deviceSecret: "device-secret" },
    filters: { devices: system.sensors.filter((s) => ENOS_DEVICES.has(s.index)).map((s) => s.eurid) },
  });
}

const ENOS_DEVICES = new Set([0, 1, 2, 3, 4]);

/** What an emulator accepted, as a ledger (EnOS posts carry the reading, not the sender). */
function ledgerOf(emulator: EnosEmulator, name: string): TraceLedger {
  const ledger = new TraceLedger(name);
  for (const post of emulator.posts) {
    const value = post.measurepoints.meterReading;
    if (typeof value !== "number") ledger.foreign++;
    else {
      const { index, seq } = traceOf(value);
      ledger.record(index, seq);
    }
  }
  return ledger;
}

beforeAll(async () => {
  await flaky.start();
  await broken.start();
  system = await startFaultSystem({ name: "egress-errors", euridBase: 0x05a60000, sensors: 50 });
});
afterAll(async () => {
  await system?.stop();
  await flaky.close();
  await broken.close();
});

it("delivers through an EnOS that answers errors for 30 s, and dead-letters then replays one that never recovers", async () => {
  const started = Date.now();
  const flakyId = await enosTarget(flaky, "enos flaky");
  const brokenId = await enosTarget(broken, "enos broken", 20);
  broken.failWithCode = 500;
  // Targets are picked up by the workers within a few seconds.
  await sleep(8_000);
  const notes: Record<string, unknown> = { offeredTelegramsPerSecond: 200 };
  let targets: TraceCounts[] = [];
  let passed = false;
  try {
    system.load.start(200);
    await sleep(10_000);
    flaky.failWithCode = 503;
    await sleep(30_000);
    flaky.failWithCode = null;
    await sleep(15_000);
    system.load.stop();
    const sent = system.counts(new TraceLedger("sent"), undefined, ENOS_DEVICES).sent;
    await waitUntil(() => system.counts(ledgerOf(flaky, "enos-flaky"), undefined, ENOS_DEVICES).lost === 0, 400_000, () => `flaky EnOS: ${system.counts(ledgerOf(flaky, "enos-flaky"), undefined, ENOS_DEVICES).lost} of ${sent} missing`);
    // Every batch of the broken target ends in its dead letters (20 s after it was queued).
    const queue = new Queue(deliveryQueueName(brokenId), { connection: system.redisClient, prefix: system.prefix });
    await waitUntil(async () => (await queue.getWaitingCount()) + (await queue.getActiveCount()) === 0, 400_000, "the broken target's queue to empty into its dead letters");
    await queue.close();
    notes.brokenDeadLetters = await countDeadLetters(system.db, system.tenant.id, brokenId);
    notes.brokenAcceptedBeforeReplay = broken.posts.length;
    broken.failWithCode = null;
    await replayDeadLetters({ db: system.db, redis: system.redisClient, prefix: system.prefix }, system.tenant.id, brokenId);
    await waitUntil(() => system.counts(ledgerOf(broken, "enos-broken-replayed"), undefined, ENOS_DEVICES).lost === 0, 400_000, () => `replay: ${system.counts(ledgerOf(broken, "enos-broken-replayed"), undefined, ENOS_DEVICES).lost} of ${sent} missing`);
    await waitUntil(async () => (await countDeadLetters(system.db, system.tenant.id, brokenId)) === 0, 60_000, "the dead letters to be removed once replayed");
    await system.drained([system.ledgers.builtin, system.ledgers.mqtt], 120_000);
    targets = [
      system.counts(ledgerOf(flaky, "enos-flaky"), undefined, ENOS_DEVICES),
      system.counts(ledgerOf(broken, "enos-broken-replayed"), undefined, ENOS_DEVICES),
      system.counts(system.ledgers.builtin),
      system.counts(system.ledgers.mqtt),
    ];
    notes.flakyTargetId = flakyId;
    passed = targets.every((t) => t.lost === 0 && t.outOfOrder === 0);
  } finally {
    system.load.stop();
    writeScenarioReport({ scenario: "egress emulator errors: EnOS 503 for 30 s; EnOS failing until replay", passed, durationSeconds: Math.round((Date.now() - started) / 1000), targets, notes });
  }
  expect(notes.brokenAcceptedBeforeReplay).toBe(0);
  expect(notes.brokenDeadLetters as number).toBeGreaterThan(0);
  for (const t of targets) expect({ target: t.target, lost: t.lost, outOfOrder: t.outOfOrder, foreign: t.foreign }).toEqual({ target: t.target, lost: 0, outOfOrder: 0, foreign: 0 });
});
