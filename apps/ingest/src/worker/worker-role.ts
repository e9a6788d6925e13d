import { Worker, type Job, type Queue } from "bullmq";
import type { Redis } from "ioredis";
import { addDailyUsage, applyDeviceStats, applyGatewayStats, loadUplinkDevices, type Db, type SecretBox, type SqlPool } from "@tidewire/db";
import { DeliveryManager, removeProcessed, waitingBehind, type AgrirouterApplication, type DeliveryPolicy } from "@tidewire/egress";
import type { Registry } from "prom-client";
import type { Logger } from "../logging/logger";
import { WorkerMetrics } from "../metrics/worker-metrics";
import { telegramBatchSchema, type TelegramBatch } from "../pipeline/queues";
import { DailyMessageQuota } from "./daily-message-quota";
import { DeviceDirectory } from "./device-directory";
import { RlcWriteBehind } from "./rlc-write-behind";
import { MessageSink } from "./message-sink";
import { TelegramBatchConsumer, type TelegramBatchConsumerOptions } from "./telegram-batch-consumer";
import { TelegramProcessor } from "./telegram-processor";
import { createSharedStateEngine } from "./shared-state-engine";
import { channels } from "@tidewire/config";
import { UPLINK_QUEUE, uplinkJobSchema } from "../uplinks/uplink-queue";
import { UplinkProcessor } from "../uplinks/uplink-processor";

export interface WorkerRoleOptions {
  db: Db;
  /** plain pg pool for the per-batch, statistics and rolling-code statements (Prisma costs CPU
   * per call); the Prisma client runs them when absent */
  sql?: SqlPool;
  box: SecretBox;
  redis: Redis;
  prefix: string;
  partitions: number;
  brokerUrl: string;
  brokerInternalSecret: string;
  log: Logger;
  statsFlushMs?: number;
  allowPrivateEgress: boolean;
  agrirouter?: AgrirouterApplication;
  /** delivery policy (env EGRESS_*; tests make the waits short) */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  connectorTimeoutMs?: number;
  registry?: Registry;
  /** in-place retry and stalled-batch timing of the telegram consumers (tests shorten them) */
  telegramRetry?: Pick<TelegramBatchConsumerOptions, "retryBaseMs" | "retryMaxMs" | "lockDurationMs" | "stalledIntervalMs">;
  /** verifies tenants' signed licenses (daily message limit); without it the trial limits apply */
  licensePublicKey?: string;
}

/** Queued batches of a partition decoded together with the active one, at most. */
const LOOK_AHEAD_JOBS = 50;
const LOOK_AHEAD_FRAMES = 2000;

/** Decode/route workers and egress delivery. */
export class WorkerRole {
  private consumer?: TelegramBatchConsumer;
  private uplinkWorker?: Worker;
  private processor?: TelegramProcessor;
  private sink?: MessageSink;
  private directory?: DeviceDirectory;
  delivery?: DeliveryManager;
  private subscriber?: Redis;
  private statsTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private writeBehind?: RlcWriteBehind;
  private rlcTimer?: NodeJS.Timeout;
  private readonly metrics: WorkerMetrics;

  constructor(private readonly options: WorkerRoleOptions) {
    this.metrics = new WorkerMetrics(options.registry);
  }

  async start(): Promise<void> {
    const { db, box, redis, prefix, log } = this.options;
    const sql = this.options.sql ?? db;
    this.subscriber = redis.duplicate();
    this.directory = new DeviceDirectory({ db, box, prefix, log });
    await this.directory.watch(this.subscriber);
    this.writeBehind = new RlcWriteBehind({ db: sql, log });
    this.sink = new MessageSink({
      db,
      sql,
      redis,
      prefix,
      quota: new DailyMessageQuota({ db, redis, prefix, licensePublicKey: this.options.licensePublicKey }),
      writeTime: this.metrics.writeTime,
    });
    this.processor = new TelegramProcessor({
      createEngine: (tenantId) => createSharedStateEngine({ redis, prefix, db: sql, writeBehind: this.writeBehind! }, tenantId),
      directory: this.directory,
      sink: this.sink,
      log,
    });
    // One consumer per partition, one batch at a time per partition across every worker process;
    // a failing batch is retried in place (telegram-batch-consumer.ts).
    this.consumer = new TelegramBatchConsumer({
      redis,
      prefix,
      partitions: this.options.partitions,
      handle: (batch, memo, queue) => this.processWithQueued(queue, batch, memo),
      log,
      metrics: this.metrics,
      ...this.options.telegramRetry,
    });
    await this.consumer.start();
    this.startUplinkWorker();
    this.statsTimer = setInterval(() => void this.flushStats(), this.options.statsFlushMs ?? 2000);
    // Accepted rolling codes reach Postgres within a second (Redis holds them meanwhile).
    this.rlcTimer = setInterval(() => void this.writeBehind?.flush(), 1000);
    this.delivery = new DeliveryManager({
      db,
      ...(this.options.sql ? { sql: this.options.sql } : {}),
      box,
      redis,
      prefix,
      log,
      builtin: { url: this.options.brokerUrl, internalSecret: this.options.brokerInternalSecret },
      allowPrivateEgress: this.options.allowPrivateEgress,
      ...(this.options.agrirouter ? { agrirouter: this.options.agrirouter } : {}),
      ...(this.options.deliveryPolicy ? { policy: this.options.deliveryPolicy } : {}),
      ...(this.options.connectorTimeoutMs ? { connectorTimeoutMs: this.options.connectorTimeoutMs } : {}),
      ...(this.options.registry ? { registry: this.options.registry } : {}),
    });
    await this.delivery.start(this.subscriber);
    // The delivery manager subscribed this connection to target changes: the sink follows them too.
    const targetsChanged = channels.targetsChanged(prefix);
    this.subscriber.on("message", (channel: string) => {
      if (channel === targetsChanged) this.sink?.forgetTargets();
    });
  }

  /**
   * Decodes a batch together with the batches of the same tenant waiting behind it in the
   * partition (up to LOOK_AHEAD_FRAMES): at high rates one decode, one set of writes and one
   * delivery job per target replace one per small batch. The batches taken along leave the queue
   * only after their work is done.
   */
  private async processWithQueued(queue: Queue, first: TelegramBatch, memo: Map<string, unknown>): Promise<void> {
    const frames = [...first.frames];
    const taken: Job[] = [];
    if (frames.length < LOOK_AHEAD_FRAMES) {
      for await (const next of waitingBehind(queue, LOOK_AHEAD_JOBS)) {
        const parsed = telegramBatchSchema.safeParse(next.data);
        if (!parsed.success || parsed.data.tenantId !== first.tenantId || frames.length + parsed.data.frames.length > LOOK_AHEAD_FRAMES) break;
        frames.push(...parsed.data.frames);
        taken.push(next);
      }
    }
    const takenAt = Date.now();
    await this.processor!.process({ ...first, frames }, memo);
    for (const job of taken) this.metrics.batchWait.observe(Math.max(0, takenAt - job.timestamp) / 1000);
    await removeProcessed(taken, this.options.log);
  }

  /** LoRaWAN and small-device uplinks: their own queue, the same sink as EnOcean telegrams. */
  private startUplinkWorker(): void {
    const { db, box, redis, prefix, log } = this.options;
    const directory = new DeviceDirectory({ db, box, prefix, log, load: loadUplinkDevices });
    const changed = channels.devicesChanged(prefix);
    this.subscriber!.on("message", (channel: string, tenantId: string) => {
      if (channel === changed) directory.forget(tenantId);
    });
    const uplinks = new UplinkProcessor({ directory, sink: this.sink!, log });
    const worker = new Worker(UPLINK_QUEUE, async (job) => uplinks.process(uplinkJobSchema.parse(job.data)), {
      connection: redis.duplicate(),
      prefix,
      concurrency: 1,
      // A worker killed mid-job puts the uplink back; failures are retried by the job's attempts.
      maxStalledCount: 1_000_000,
    });
    worker.on("failed", (job, err) => log.error({ err, jobId: job?.id }, "uplink failed"));
    worker.on("error", (err) => log.warn({ err }, "uplink worker error"));
    this.uplinkWorker = worker;
  }

  /** Statistics are counted in memory and written every few seconds, never per telegram. */
  flushStats(): Promise<void> {
    // A flush in progress carries only what was counted before it began: wait, then write the rest.
    if (this.flushing) return this.flushing.then(() => this.flushStats());
    if (!this.sink) return Promise.resolve();
    const sink = this.sink;
    const { db, log } = this.options;
    const sql = this.options.sql ?? db;
    const devices = sink.deviceStats.drain();
    const gateways = sink.gatewayStats.drain();
    const usage = [...sink.usage.entries()];
    sink.usage.clear();
    const now = new Date();
    // Each part is written on its own; what could not be written is put back for the next
    // flush, so a failure neither loses counts nor counts twice what did get written.
    const retryLater = (what: string, putBack: () => void) => (err: unknown) => {
      log.warn({ err, what }, "could not write statistics; they will be retried");
      putBack();
    };
    this.flushing = Promise.all([
      applyDeviceStats(sql, devices).catch(retryLater("device statistics", () => sink.deviceStats.merge(devices))),
      applyGatewayStats(sql, gateways).catch(retryLater("gateway statistics", () => sink.gatewayStats.merge(gateways))),
      ...usage.map(([tenantId, counts]) =>
        addDailyUsage(db, tenantId, now, counts).catch(
          retryLater("daily usage", () => {
            const current = sink.usage.get(tenantId) ?? { messages: 0, dropped: 0 };
            sink.usage.set(tenantId, { messages: current.messages + counts.messages, dropped: current.dropped + counts.dropped });
          }),
        ),
      ),
    ])
      .then(() => undefined)
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Writes accepted rolling codes to Postgres now (tests, shutdown). */
  flushRollingCodes(): Promise<void> {
    return this.writeBehind?.flush() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.rlcTimer) clearInterval(this.rlcTimer);
    await this.consumer?.stop();
    await this.uplinkWorker?.close();
    await this.delivery?.stop();
    await this.flushStats();
    await this.writeBehind?.flush();
    await this.sink?.close();
    await this.directory?.close();
    this.subscriber?.disconnect();
  }
}
