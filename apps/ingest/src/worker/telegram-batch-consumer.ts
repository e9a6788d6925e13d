import { Queue, WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { ZodError } from "zod";
import type { Logger } from "../logging/logger";
import type { WorkerMetrics } from "../metrics/worker-metrics";
import { telegramBatchSchema, telegramQueueName, type TelegramBatch } from "../pipeline/queues";

/** What handles one batch; `memo` lives as long as the batch is retried in this process; `queue`
 * is the batch's partition queue (to look at the batches waiting behind it). */
export type BatchHandler = (batch: TelegramBatch, memo: Map<string, unknown>, queue: Queue) => Promise<void>;

export interface TelegramBatchConsumerOptions {
  redis: Redis;
  prefix: string;
  partitions: number;
  handle: BatchHandler;
  log: Logger;
  /** first wait before a failed batch is tried again (ms); doubles up to retryMaxMs */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** BullMQ job lock: a worker that died loses its batch's lock after this long (ms) */
  lockDurationMs?: number;
  /** how often workers look for batches whose worker died (ms) */
  stalledIntervalMs?: number;
  /** batch wait and processing times */
  metrics?: WorkerMetrics;
}

/** BullMQ never fails a batch for stalling: a worker killed mid-batch puts it back. */
const NEVER_FAIL_STALLED = 1_000_000;

/**
 * Consumes the telegram partitions: one consumer per partition, and at most one active batch per
 * partition across every worker process (global concurrency 1), so a device's telegrams are
 * decoded in arrival order. A batch that fails (PostgreSQL or Redis away for a moment) is tried
 * again in place, with backoff, until it succeeds or the process stops: a later batch of the
 * partition can neither overtake it nor see it dropped. On stop, a batch still failing goes
 * back to the head of its queue for the next worker; a worker that dies mid-batch loses its lock
 * and BullMQ's stalled-job check puts the batch back at the head of the queue.
 */
export class TelegramBatchConsumer {
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private stopping = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: TelegramBatchConsumerOptions) {}

  async start(): Promise<void> {
    const { redis, prefix, log } = this.options;
    for (let p = 0; p < this.options.partitions; p++) {
      const name = telegramQueueName(p);
      const queue = new Queue(name, { connection: redis, prefix });
      await queue.setGlobalConcurrency(1);
      this.queues.push(queue);
      const worker = new Worker(name, (job, token) => this.process(job, token, p, queue), {
        connection: redis.duplicate(),
        prefix,
        concurrency: 1,
        maxStalledCount: NEVER_FAIL_STALLED,
        lockDuration: this.options.lockDurationMs ?? 20_000,
        stalledInterval: this.options.stalledIntervalMs ?? 5_000,
      });
      worker.on("failed", (job, err) => log.error({ err, jobId: job?.id, partition: p }, "telegram batch failed"));
      worker.on("error", (err) => log.warn({ err: err.message }, "telegram worker error"));
      this.workers.push(worker);
    }
  }

  private async process(job: Job, token: string | undefined, partition: number, queue: Queue): Promise<void> {
    // A batch that does not parse never will: BullMQ fails it (kept in the failed set).
    const batch = telegramBatchSchema.parse(job.data);
    const memo = new Map<string, unknown>();
    const metrics = this.options.metrics;
    metrics?.batchWait.observe(Math.max(0, Date.now() - job.timestamp) / 1000);
    const end = metrics?.batchTime.startTimer();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(batch, memo, queue);
        end?.();
        return;
      } catch (err) {
        if (err instanceof ZodError) throw err;
        if (this.stopping && token) {
          // Back to the head of the queue for whichever worker takes the partition next.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        const wait = Math.min(this.options.retryMaxMs ?? 10_000, (this.options.retryBaseMs ?? 200) * 2 ** Math.min(attempt - 1, 10));
        this.options.log.error({ err: (err as Error)?.message ?? String(err), jobId: job.id, partition, attempt, retryInMs: wait }, "telegram batch failed; retrying it in place");
        await this.sleep(wait);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
