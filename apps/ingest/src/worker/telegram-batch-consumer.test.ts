import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { telegramQueueName, type TelegramBatch } from "../pipeline/queues";
import { createRedis } from "../redis/connections";
import { TelegramBatchConsumer, type BatchHandler } from "./telegram-batch-consumer";

const redis = createRedis(process.env.REDIS_URL!);
const log = pino({ level: "silent" });
afterAll(() => redis.disconnect());

const batch = (n: number): TelegramBatch => ({
  v: 1,
  tenantId: "t1",
  frames: [{ id: `frame-${n}`, esp3: "55", receptions: [{ gatewayId: "g", gateway: "g", rssi: 60, at: n }] }],
});
const numberOf = (b: TelegramBatch) => Number(b.frames[0]!.id.slice("frame-".length));

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A prefix of its own per test: consumers of one test never see another test's queues. */
async function enqueue(prefix: string, numbers: number[]): Promise<void> {
  const queue = new Queue(telegramQueueName(0), { connection: redis, prefix });
  for (const n of numbers) await queue.add("batch", batch(n), { removeOnComplete: true });
  await queue.close();
}

function consumer(prefix: string, handle: BatchHandler, timing: { lockDurationMs?: number; stalledIntervalMs?: number } = {}) {
  return new TelegramBatchConsumer({ redis, prefix, partitions: 1, handle, log, retryBaseMs: 20, retryMaxMs: 100, ...timing });
}

describe("TelegramBatchConsumer", () => {
  it("retries a batch whose database write fails twice in place, so that later batches stay behind it", async () => {
    const prefix = `${process.env.REDIS_PREFIX}:consumer-${randomBytes(3).toString("hex")}`;
    const done: number[] = [];
    const attempts = new Map<number, number>();
    const memos = new Set<Map<string, unknown>>();
    const c = consumer(prefix, async (b, memo) => {
      const n = numberOf(b);
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      if (n === 1) memos.add(memo);
      if (n === 1 && attempts.get(1)! <= 2) throw new Error("database unavailable");
      done.push(n);
    });
    await enqueue(prefix, [1, 2, 3]);
    await c.start();
    await waitFor(() => done.length === 3, "three batches");
    await c.stop();
    expect(done).toEqual([1, 2, 3]);
    expect(attempts.get(1)).toBe(3);
    // Every attempt sees the same memo: what was decoded is not decoded again.
    expect(memos.size).toBe(1);
  });

  it("puts a still-failing batch back at the head of its queue on stop, for the next worker", async () => {
    const prefix = `${process.env.REDIS_PREFIX}:consumer-${randomBytes(3).toString("hex")}`;
    let failing = true;
    let tried = 0;
    const done: number[] = [];
    const first = consumer(prefix, async (b) => {
      tried += 1;
      if (failing) throw new Error("redis script failed");
      done.push(numberOf(b));
    });
    await enqueue(prefix, [1, 2]);
    await first.start();
    await waitFor(() => tried >= 2, "a retry");
    await first.stop();
    expect(done).toEqual([]);
    failing = false;
    const second = consumer(prefix, async (b) => void done.push(numberOf(b)));
    await second.start();
    await waitFor(() => done.length === 2, "both batches");
    await second.stop();
    expect(done).toEqual([1, 2]);
  });

  it("brings back the batch of a worker that died mid-batch, ahead of later batches", async () => {
    const prefix = `${process.env.REDIS_PREFIX}:consumer-${randomBytes(3).toString("hex")}`;
    const timing = { lockDurationMs: 1000, stalledIntervalMs: 300 };
    let started = false;
    // The first worker takes batch 1 and then hangs as a killed process would; its Redis
    // connections close without finishing the job (no lock renewal from here on).
    const dying = consumer(
      prefix,
      () => {
        started = true;
        return new Promise<void>(() => {});
      },
      timing,
    );
    await enqueue(prefix, [1, 2]);
    await dying.start();
    await waitFor(() => started, "the first worker to take batch 1");
    const workers = (dying as unknown as { workers: { close(force: boolean): Promise<void> }[] }).workers;
    await Promise.all(workers.map((w) => w.close(true)));
    const done: number[] = [];
    const survivor = consumer(prefix, async (b) => void done.push(numberOf(b)), timing);
    await survivor.start();
    await waitFor(() => done.length === 2, "both batches after the stalled-job check");
    await survivor.stop();
    expect(done).toEqual([1, 2]);
  });
});
