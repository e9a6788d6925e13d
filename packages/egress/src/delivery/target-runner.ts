import { Queue, WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { ZodError } from "zod";
import {
  applyDeliveryCounters,
  deleteDeadLetters,
  devicesWithDeadLetters,
  insertDeadLetter,
  nextDeadLettersInOrder,
  setTargetStatus,
  type Db,
  type SqlTarget,
  type DeadLetterReason,
} from "@tidewire/db";
import type { EgressConnector } from "../connectors/connector";
import { DELIVERY_JOB, deliveryBatchSchema, deliveryQueueName, REPLAY_JOB, replayRequestSchema, type DeliveryBatch, type DeliveryMessage } from "../delivery-batch";
import { DeliveryError } from "../delivery-error";
import { CircuitBreaker, type BreakerStatus } from "./circuit-breaker";
import type { DeliveryMetrics } from "./delivery-metrics";
import type { DeliveryPolicy } from "./delivery-policy";
import { removeProcessed, waitingBehind } from "./queued-jobs";

export interface RunningTargetInfo {
  id: string;
  tenantId: string;
  tenantSlug: string;
  kind: string;
}

interface Counters {
  delivered: number;
  failed: number;
  retried: number;
  lastError?: { message: string; at: Date };
  lastSuccessAt?: Date;
}

class Stopping extends Error {}

/** Batches waiting behind the active one that are delivered together with it, at most. */
const LOOK_AHEAD_JOBS = 50;
const LOOK_AHEAD_MESSAGES = 2000;

/** Consumes one target's queue: one batch at a time across every worker process (global
 * concurrency 1), so a later batch never overtakes an earlier one (a healthy target takes the
 * batches waiting behind it along, delivered as one and removed once delivered); retries, the
 * circuit breaker, the backlog bound, dead letters and replays all happen in that one sequence. */
export class TargetRunner {
  private worker?: Worker;
  private queue: Queue;
  private readonly breaker: CircuitBreaker;
  private counters: Counters = { delivered: 0, failed: 0, retried: 0 };
  private flushTimer?: NodeJS.Timeout;
  private stopping = false;
  private wake?: () => void;
  private backlogCheckedAt = 0;
  private backlog = 0;
  private readonly labels: Record<"tenant" | "target" | "kind", string>;

  constructor(
    readonly target: RunningTargetInfo,
    private readonly connector: EgressConnector,
    private readonly deps: {
      db: Db;
      /** where the per-batch dead-letter check runs (the worker's pg pool); db when absent */
      sql?: SqlTarget;
      redis: Redis;
      prefix: string;
      log: Logger;
      metrics: DeliveryMetrics;
      policy: DeliveryPolicy;
    },
  ) {
    this.breaker = new CircuitBreaker(deps.policy);
    this.queue = new Queue(deliveryQueueName(target.id), { connection: deps.redis, prefix: deps.prefix });
    this.labels = { tenant: target.tenantId, target: target.id, kind: target.kind };
  }

  get status() {
    return this.breaker.status;
  }

  async start(): Promise<void> {
    await this.queue.setGlobalConcurrency(1);
    this.worker = new Worker(deliveryQueueName(this.target.id), (job, token) => this.process(job, token), {
      connection: this.deps.redis.duplicate(),
      prefix: this.deps.prefix,
      concurrency: 1,
      // A batch is never failed by BullMQ: a crashed worker's batch goes back to the queue.
      maxStalledCount: 1_000_000,
    });
    this.worker.on("error", (err) => this.deps.log.warn({ err: err.message, targetId: this.target.id }, "delivery worker error"));
    this.flushTimer = setInterval(() => void this.flush(), this.deps.policy.counterFlushMs);
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    if (job.name === DELIVERY_JOB) this.observeWait(job);
    for (let attempt = 1; ; attempt++) {
      try {
        if (job.name === REPLAY_JOB) return await this.replay(replayRequestSchema.parse(job.data));
        return await this.deliverBatch(job, deliveryBatchSchema.parse(job.data));
      } catch (err) {
        if ((err instanceof Stopping || this.stopping) && token) {
          // Back to the head of the queue for whichever worker runs the target next.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        if (err instanceof ZodError) throw err;
        // Our own bookkeeping failed (PostgreSQL or Redis away for a moment). A failed job would
        // never run again, so the batch is tried again in place: at least once, in order.
        this.deps.log.error({ targetId: this.target.id, err: (err as Error)?.message ?? String(err), attempt }, "delivery bookkeeping failed; retrying the batch");
        await this.sleep(Math.min(this.deps.policy.retryMaxMs, this.deps.policy.retryBaseMs * 2 ** Math.min(attempt, 10)));
      }
    }
  }

  private async deliverBatch(job: Job, batch: DeliveryBatch): Promise<void> {
    if (await this.overBacklog()) {
      await this.deadLetter(batch, batch.messages, "OVERFLOW", `backlog over ${this.deps.policy.maxBacklog} batches: the oldest are moved to the dead letters`, 0);
      return;
    }
    if (await this.deliveredWithQueued(batch)) return;
    // A device with dead letters keeps its later messages back too: none may overtake them.
    const held = await devicesWithDeadLetters(this.deps.sql ?? this.deps.db, batch.tenantId, this.target.id, [...new Set(batch.messages.map((m) => m.sourceEurid))]);
    let messages = batch.messages;
    if (held.size) {
      const heldMessages = messages.filter((m) => held.has(m.sourceEurid));
      messages = messages.filter((m) => !held.has(m.sourceEurid));
      await this.deadLetter(batch, heldMessages, "HELD", "an earlier message of the same device is a dead letter", 0);
      if (messages.length === 0) return;
    }
    const deadline = job.timestamp + this.deps.policy.deadLetterAfterMs;
    const outcome = await this.attemptUntil(messages, deadline, true);
    if (outcome.ok) return;
    await this.deadLetter(batch, messages, outcome.reason, outcome.error, outcome.attempts);
  }

  /**
   * The fast path of a healthy target: this batch and the batches waiting behind it (up to
   * LOOK_AHEAD_MESSAGES) go out as one delivery, in queue order, and the batches taken along
   * leave the queue only once delivered. Answers false — nothing taken, nothing removed — when
   * there is nothing to take, a device is held, a replay waits, or the delivery fails: the batch
   * then goes the careful way alone (retries, dead letters per batch, exactly as before).
   */
  private async deliveredWithQueued(first: DeliveryBatch): Promise<boolean> {
    if (this.breaker.status === "FAILING" || this.breaker.status === "PAUSED") return false;
    if (first.messages.length >= LOOK_AHEAD_MESSAGES) return false;
    const messages = [...first.messages];
    const taken: Job[] = [];
    for await (const next of waitingBehind(this.queue, LOOK_AHEAD_JOBS)) {
      // A replay request jumps the queue (it waits at the head): nothing may go before it.
      if (next.name !== DELIVERY_JOB) return false;
      const parsed = deliveryBatchSchema.safeParse(next.data);
      if (!parsed.success || parsed.data.tenantId !== first.tenantId) break;
      if (messages.length + parsed.data.messages.length > LOOK_AHEAD_MESSAGES) break;
      messages.push(...parsed.data.messages);
      taken.push(next);
    }
    if (taken.length === 0) return false;
    const takenAt = Date.now();
    const held = await devicesWithDeadLetters(this.deps.sql ?? this.deps.db, first.tenantId, this.target.id, [...new Set(messages.map((m) => m.sourceEurid))]);
    if (held.size) return false;
    if (this.stopping) throw new Stopping();
    try {
      await this.deliver(messages);
    } catch {
      return false;
    }
    await this.recordDelivered(messages.length);
    // Counted only now: a batch taken along but then sent the careful way is counted when it runs.
    for (const job of taken) this.observeWait(job, takenAt);
    await removeProcessed(taken, this.deps.log);
    return true;
  }

  /** One delivery attempt, timed (tidewire_egress_deliver_seconds). */
  private async deliver(messages: DeliveryMessage[]): Promise<void> {
    const end = this.deps.metrics.deliverTime.startTimer({ kind: this.target.kind });
    try {
      await this.connector.deliver(messages);
    } finally {
      end();
    }
  }

  /** How long a batch waited in the queue before this runner took it. */
  private observeWait(job: Job, takenAt = Date.now()): void {
    this.deps.metrics.batchWait.observe({ kind: this.target.kind }, Math.max(0, takenAt - job.timestamp) / 1000);
  }

  private async recordDelivered(count: number): Promise<void> {
    this.counters.delivered += count;
    this.counters.lastSuccessAt = new Date();
    this.deps.metrics.delivered.inc(this.labels, count);
    this.deps.metrics.lastSuccess.set(this.labels, Date.now() / 1000);
    await this.changeStatus(this.breaker.success());
  }

  /** Tries a batch until it is delivered, its deadline passes or the backlog overflows. */
  private async attemptUntil(
    messages: DeliveryMessage[],
    deadline: number,
    mayOverflow: boolean,
  ): Promise<{ ok: true } | { ok: false; reason: DeadLetterReason; error: string; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) throw new Stopping();
      try {
        await this.deliver(messages);
        await this.recordDelivered(messages.length);
        return { ok: true };
      } catch (err) {
        if (this.stopping) throw new Stopping();
        const error = err instanceof DeliveryError ? err : new DeliveryError("protocol", (err as Error)?.message ?? String(err));
        this.counters.failed++;
        this.counters.lastError = { message: `${error.stage}: ${error.message}`, at: new Date() };
        this.deps.metrics.failed.inc({ ...this.labels, stage: error.stage });
        await this.changeStatus(this.breaker.failure(), this.counters.lastError.message);
        if (attempt === 1) this.deps.log.warn({ targetId: this.target.id, stage: error.stage, err: error.message }, "delivery failed; retrying");
        const waitUntil = Date.now() + this.breaker.nextDelayMs(attempt);
        if (waitUntil > deadline) return { ok: false, reason: "MAX_AGE", error: this.counters.lastError.message, attempts: attempt };
        while (Date.now() < waitUntil) {
          await this.sleep(Math.min(waitUntil - Date.now(), this.deps.policy.checkIntervalMs));
          if (this.stopping) throw new Stopping();
          if (mayOverflow && (await this.overBacklog())) return { ok: false, reason: "OVERFLOW", error: `backlog over ${this.deps.policy.maxBacklog} batches while failing: ${this.counters.lastError.message}`, attempts: attempt };
        }
        this.counters.retried++;
        this.deps.metrics.retried.inc(this.labels);
      }
    }
  }

  private async overBacklog(): Promise<boolean> {
    const now = Date.now();
    if (now - this.backlogCheckedAt >= this.deps.policy.checkIntervalMs || this.backlog > this.deps.policy.maxBacklog) {
      this.backlog = await this.queue.getWaitingCount();
      this.backlogCheckedAt = now;
      this.deps.metrics.backlog.set(this.labels, this.backlog);
    }
    return this.backlog > this.deps.policy.maxBacklog;
  }

  private async deadLetter(batch: DeliveryBatch, messages: DeliveryMessage[], reason: DeadLetterReason, error: string, attempts: number) {
    if (messages.length === 0) return;
    await insertDeadLetter(this.deps.db, batch.tenantId, this.target.id, {
      payload: { ...batch, messages },
      error,
      attempts,
      reason,
      devices: messages.map((m) => m.sourceEurid),
    });
    if (reason === "OVERFLOW") this.backlog = Math.max(0, this.backlog - 1);
    this.deps.metrics.deadLettered.inc({ ...this.labels, reason });
    // Held batches follow every dead letter of a device: keep them out of the warnings.
    this.deps.log[reason === "HELD" ? "debug" : "warn"]({ targetId: this.target.id, reason, messages: messages.length }, "batch moved to the dead letters");
  }

  /** Delivers the target's dead letters in the order they were dead-lettered, removing each once
   * delivered. Runs as a job at the head of the queue, so nothing queued after the request
   * overtakes them. A dead letter that still fails stays where it is. */
  private async replay(request: { tenantId: string; ids?: string[] | undefined }): Promise<void> {
    const deadline = Date.now() + this.deps.policy.deadLetterAfterMs;
    let replayed = 0;
    for (;;) {
      const page = await nextDeadLettersInOrder(this.deps.db, request.tenantId, this.target.id, 50, request.ids);
      if (page.length === 0) break;
      for (const letter of page) {
        const parsed = deliveryBatchSchema.safeParse(letter.payload);
        if (!parsed.success) {
          this.deps.log.error({ targetId: this.target.id, deadLetterId: letter.id }, "dead letter payload unreadable; left in place");
          return;
        }
        const outcome = await this.attemptUntil(parsed.data.messages, deadline, false);
        if (!outcome.ok) {
          this.deps.log.warn({ targetId: this.target.id, replayed }, "replay stopped: the target still fails");
          return;
        }
        await deleteDeadLetters(this.deps.db, request.tenantId, this.target.id, [letter.id]);
        this.deps.metrics.replayed.inc(this.labels);
        replayed++;
      }
    }
    this.deps.log.info({ targetId: this.target.id, replayed }, "dead letters replayed");
  }

  private async changeStatus(status: BreakerStatus | null, lastError?: string) {
    if (!status) return;
    this.deps.metrics.status.set(this.labels, status === "HEALTHY" ? 0 : status === "FAILING" ? 1 : 2);
    await setTargetStatus(this.deps.db, this.target.tenantId, this.target.id, status, lastError).catch((err: unknown) =>
      this.deps.log.warn({ err, targetId: this.target.id }, "could not record the target's status"),
    );
    if (status === "PAUSED") this.deps.log.warn({ targetId: this.target.id }, "target paused (circuit open); probing");
    if (status === "HEALTHY") this.deps.log.info({ targetId: this.target.id }, "target healthy");
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Writes the counters gathered since the last flush, and the backlog. */
  async flush(): Promise<void> {
    const c = this.counters;
    this.counters = { delivered: 0, failed: 0, retried: 0 };
    try {
      const backlog = await this.queue.getWaitingCount();
      this.deps.metrics.backlog.set(this.labels, backlog);
      await applyDeliveryCounters(this.deps.db, this.target.tenantId, this.target.id, { ...c, backlog });
    } catch (err) {
      this.deps.log.warn({ err, targetId: this.target.id }, "could not write delivery counters; keeping them");
      this.counters.delivered += c.delivered;
      this.counters.failed += c.failed;
      this.counters.retried += c.retried;
      this.counters.lastError ??= c.lastError;
      this.counters.lastSuccessAt ??= c.lastSuccessAt;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.worker?.close();
    await this.flush();
    await this.connector.close().catch(() => {});
    await this.queue.close();
  }
}
