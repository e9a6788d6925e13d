import { applyGatewayStats, StatsAccumulator, touchGateways, type Db } from "@tidewire/db";
import type { Logger } from "../logging/logger";
import type { IngestMetrics } from "../metrics/ingest-metrics";
import type { GatewaySession } from "./gateway-session";

/**
 * What ingest counts per gateway: receptions it drops before decoding (malformed input, over the
 * license, duplicates that arrived after their telegram left) and when it last heard from each
 * gateway. Counted in memory and written every few seconds, like the worker's statistics; the
 * worker counts every reception that reaches a message.
 */
export class GatewayCounters {
  private readonly stats = new StatsAccumulator();
  private seen = new Map<string, { tenantId: string; at: Date }>();
  /** Totals since start, by reason (tests, logs). */
  readonly totals = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(private readonly options: { db: Db; log: Logger; flushMs?: number; metrics?: IngestMetrics }) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushMs ?? 2000);
    this.timer.unref();
  }

  /** `count` receptions of this gateway were not processed, for `reason`. */
  notProcessed(session: GatewaySession, reason: string, count = 1): void {
    const at = new Date();
    for (let i = 0; i < count; i++) this.stats.add(session.tenantId, session.gatewayId, { ok: false, reason }, at);
    this.totals.set(reason, (this.totals.get(reason) ?? 0) + count);
    this.options.metrics?.rejected.inc({ reason }, count);
  }

  heardFrom(session: GatewaySession): void {
    this.seen.set(session.gatewayId, { tenantId: session.tenantId, at: new Date() });
  }

  /** Writes what was counted so far (waits for a flush in progress, then writes the rest). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    const deltas = this.stats.drain();
    const seen = [...this.seen].map(([gatewayId, s]) => ({ gatewayId, tenantId: s.tenantId, at: s.at }));
    this.seen = new Map();
    if (deltas.length === 0 && seen.length === 0) return Promise.resolve();
    this.flushing = Promise.all([applyGatewayStats(this.options.db, deltas), touchGateways(this.options.db, seen)])
      .then(() => undefined)
      .catch((err: unknown) => {
        this.options.log.warn({ err }, "could not write gateway counters; they will be retried");
        this.stats.merge(deltas);
        for (const s of seen) if (!this.seen.has(s.gatewayId)) this.seen.set(s.gatewayId, { tenantId: s.tenantId, at: s.at });
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
