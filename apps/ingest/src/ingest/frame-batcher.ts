import type { Queue } from "bullmq";
import type { Logger } from "../logging/logger";
import type { TelegramBatch } from "../pipeline/queues";
import type { DuplicateClaims } from "./dedup/duplicate-claims";
import { isComplete, type LocalTelegram } from "./dedup/local-telegrams";
import type { ReceptionHabits } from "./dedup/reception-habits";

type Frame = TelegramBatch["frames"][number];

interface HeldFrame {
  frame: Frame;
  /** not before this time (ms): the end of the frame's reception gathering */
  releaseAt: number;
  /** set for a telegram whose receptions are gathered in Redis under this fingerprint */
  fingerprint: string | undefined;
  /** the copies this process heard itself (they never went to Redis) */
  local: LocalTelegram | undefined;
}

interface PendingBatch {
  tenantId: string;
  partition: number;
  frames: HeldFrame[];
  timer: NodeJS.Timeout | null;
  lastFlushAt: number;
}

export interface FrameBatcherOptions {
  /** a job carries at most this many frames */
  maxFrames: number;
  /** jobs of one tenant and partition are at least this far apart (ms): a few ms of batching */
  maxDelayMs: number;
  /** more jobs than this on their way to Redis: congested */
  maxInFlightJobs?: number;
  /** more frames than this waiting for their release: congested */
  maxHeldFrames?: number;
  /** where gathered receptions are collected; required for frames added with a fingerprint */
  claims?: DuplicateClaims;
  /** learns from each released telegram how many receptions its sender's telegrams have */
  habits?: ReceptionHabits;
  /** told, per frame, the seconds from its first reception to its job being queued */
  holdTime?: { observe(seconds: number): void };
  log: Logger;
}

/**
 * Holds accepted frames per tenant and partition until their reception gathering is over, then
 * collects every reception of each telegram from Redis and enqueues the frames as one job on the
 * partition's queue: queue overhead stays small at high rates while latency stays in
 * milliseconds. Jobs of one partition are enqueued strictly in order (a device's telegrams are
 * decoded in the order they arrived). `congested` lets the endpoints apply backpressure when
 * Redis is slow.
 */
export class FrameBatcher {
  private readonly pending = new Map<string, PendingBatch>();
  private readonly tails = new Map<number, Promise<void>>();
  private inFlightJobs = 0;
  private held = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly queues: Queue[],
    private readonly options: FrameBatcherOptions,
  ) {}

  /**
   * Adds a frame. With `gather`, the frame waits until `releaseAt`; its receptions are then read
   * from the duplicate claims under `fingerprint`. Without, it waits only for the batching delay.
   */
  add(tenantId: string, partition: number, frame: Frame, gather?: { releaseAt: number; fingerprint: string; local?: LocalTelegram }): void {
    const key = `${tenantId}#${partition}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { tenantId, partition, frames: [], timer: null, lastFlushAt: 0 };
      this.pending.set(key, batch);
    }
    const now = Date.now();
    const local = gather?.local;
    const held: HeldFrame = {
      frame,
      releaseAt: gather && !isComplete(local) ? Math.max(gather.releaseAt, now) : now,
      fingerprint: gather?.fingerprint,
      local,
    };
    batch.frames.push(held);
    this.held += 1;
    if (local && held.releaseAt > now) {
      // Its last expected copy may arrive while it gathers: then it goes at once.
      const pending = batch;
      local.complete = () => {
        local.complete = undefined;
        if (local.state === "released") return;
        held.releaseAt = Date.now();
        if (pending.frames[0] === held && this.pending.get(key) === pending) {
          if (pending.timer) clearTimeout(pending.timer);
          pending.timer = null;
          this.schedule(pending, held.releaseAt);
        }
      };
    }
    if (batch.frames.length >= this.options.maxFrames && batch.frames[this.options.maxFrames - 1]!.releaseAt <= now) {
      this.flush(batch, now);
    } else {
      this.schedule(batch, now);
    }
  }

  /** Frames waiting for their release or their job. */
  get heldFrames(): number {
    return this.held;
  }

  /** True while more jobs are on their way to Redis, or more frames wait, than allowed:
   * endpoints pause reading their sockets. */
  get congested(): boolean {
    return this.inFlightJobs >= (this.options.maxInFlightJobs ?? 64) || this.held >= (this.options.maxHeldFrames ?? 20_000);
  }

  /** Resolves when the batcher is no longer congested. */
  whenClear(): Promise<void> {
    if (!this.congested) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(batch: PendingBatch, now: number): void {
    if (batch.timer || batch.frames.length === 0) return;
    const due = Math.max(batch.frames[0]!.releaseAt, batch.lastFlushAt + this.options.maxDelayMs);
    batch.timer = setTimeout(() => {
      batch.timer = null;
      this.flush(batch, Date.now());
    }, Math.max(0, due - now));
  }

  /** Takes the frames whose release time has come (all of them when draining), in order, and
   * enqueues them behind the partition's previous job. */
  private flush(batch: PendingBatch, now: number, everything = false): void {
    if (batch.timer) {
      clearTimeout(batch.timer);
      batch.timer = null;
    }
    let count = 0;
    const max = everything ? batch.frames.length : this.options.maxFrames;
    while (count < batch.frames.length && count < max && (everything || batch.frames[count]!.releaseAt <= now)) count++;
    // A frame released early may wait behind one still gathering; once that one goes, it can too.
    if (count > 0) {
      const taken = batch.frames.splice(0, count);
      // From here on a copy heard by this process is late, as Redis says of the others' copies.
      for (const h of taken) {
        if (!h.local) continue;
        h.local.state = "released";
        h.local.complete = undefined;
      }
      batch.lastFlushAt = now;
      this.enqueue(batch.tenantId, batch.partition, taken);
    }
    if (batch.frames.length === 0) this.pending.delete(`${batch.tenantId}#${batch.partition}`);
    else if (everything) this.flush(batch, now, true);
    else this.schedule(batch, now);
  }

  private enqueue(tenantId: string, partition: number, taken: HeldFrame[]): void {
    this.inFlightJobs += 1;
    const previous = this.tails.get(partition) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const frames = await this.withGatheredReceptions(tenantId, taken);
        const data: TelegramBatch = { v: 1, tenantId, frames };
        // One attempt as far as BullMQ is concerned: the worker retries a failing batch in place
        // (it holds the partition), so it is neither overtaken by later batches nor dropped.
        await this.queues[partition]!.add("batch", data, { removeOnComplete: true, removeOnFail: { count: 10_000 } });
        const holdTime = this.options.holdTime;
        if (holdTime) {
          const now = Date.now();
          for (const f of frames) holdTime.observe(Math.max(0, now - f.receptions.reduce((min, r) => Math.min(min, r.at), now)) / 1000);
        }
      })
      .catch((err: unknown) => {
        // BullMQ's connection retries forever, so this only happens on a closed queue.
        this.options.log.error({ err, tenantId, frames: taken.length }, "could not enqueue frames");
      })
      .finally(() => {
        this.inFlightJobs -= 1;
        this.held -= taken.length;
        if (this.tails.get(partition) === next) this.tails.delete(partition);
        if (!this.congested) for (const wake of this.waiters.splice(0)) wake();
      });
    this.tails.set(partition, next);
  }

  private async withGatheredReceptions(tenantId: string, taken: HeldFrame[]): Promise<Frame[]> {
    const gathered = taken.filter((h) => h.fingerprint !== undefined);
    if (gathered.length === 0 || !this.options.claims) return taken.map((h) => this.learned(h, withLocalCopies(h)));
    let receptions: (Frame["receptions"] | null)[];
    try {
      receptions = await this.options.claims.release(gathered.map((h) => ({ tenantId, fingerprint: h.fingerprint!, id: h.frame.id })));
    } catch (err) {
      // Without the other gateways' receptions the telegram is still worth delivering.
      this.options.log.warn({ err, tenantId }, "could not read gathered receptions; sending the first reception only");
      receptions = gathered.map(() => null);
    }
    const byId = new Map<string, Frame["receptions"]>();
    gathered.forEach((h, i) => {
      const list = receptions[i];
      if (list && list.length > 0) byId.set(h.frame.id, list);
    });
    return taken.map((h) => {
      const list = byId.get(h.frame.id);
      return this.learned(h, withLocalCopies(list ? { ...h, frame: { ...h.frame, receptions: list } } : h));
    });
  }

  /** The released frame; its sender's habits learn how many receptions it had. */
  private learned(h: HeldFrame, frame: Frame): Frame {
    if (h.local?.habit) this.options.habits?.learn(h.local.habit, frame.receptions.length);
    return frame;
  }

  /** Enqueues everything still held (on shutdown) and waits for Redis to take it. */
  async drain(): Promise<void> {
    const now = Date.now();
    for (const batch of [...this.pending.values()]) this.flush(batch, now, true);
    await Promise.all([...this.tails.values()]);
  }
}

/** The frame with the copies this process heard added to its receptions. */
function withLocalCopies(h: HeldFrame): Frame {
  const copies = h.local?.extra.splice(0) ?? [];
  if (copies.length === 0) return h.frame;
  const receptions = [...h.frame.receptions, ...copies.map((c) => c.reception)].sort((a, b) => a.at - b.at); // stable: arrival order
  return { ...h.frame, receptions };
}
