import type { Redis } from "ioredis";
import { channels, redisKey } from "@tidewire/config";
import { applyLicenseLimits, deleteTelemetryBefore, evaluateTenantAlarms, type AlarmTransition, type Db } from "@tidewire/db";
import { AlarmPublisher } from "./alarm-publisher";
import type { HousekeepingLogger } from "./logger";

export interface HousekeepingOptions {
  db: Db;
  redis: Redis;
  prefix: string;
  /** the platform's license public key (licenses are verified offline) */
  licensePublicKey: string;
  /** built-in broker for MQTT alarm messages; without it, alarms are not sent over MQTT */
  broker?: { url: string; internalSecret: string };
  log: HousekeepingLogger;
  /** 0 turns a task off */
  alarmIntervalMs?: number;
  retentionIntervalMs?: number;
  licenseIntervalMs?: number;
}

type Task = "alarms" | "retention" | "licenses";

/** Periodic upkeep, safe to run in several processes at once: each round of a task takes a
 * Redis lock for most of its interval, so one replica does it and the others skip. */
export class Housekeeping {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly publisher?: AlarmPublisher;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: HousekeepingOptions) {
    if (options.broker) {
      this.publisher = new AlarmPublisher({ brokerUrl: options.broker.url, internalSecret: options.broker.internalSecret, log: options.log });
    }
  }

  start(): void {
    const schedule = (task: Task, intervalMs: number, run: () => Promise<unknown>) => {
      if (intervalMs <= 0) return;
      const tick = () => {
        const p = this.locked(task, intervalMs, run)
          .catch((err: unknown) => this.options.log.warn({ err, task }, "housekeeping task failed; it runs again next interval"))
          .finally(() => this.running.delete(p));
        this.running.add(p);
      };
      this.timers.push(setInterval(tick, intervalMs));
      // First round soon after start, not a whole interval later.
      this.timers.push(setTimeout(tick, Math.min(5_000, intervalMs)));
    };
    schedule("licenses", this.options.licenseIntervalMs ?? 10 * 60_000, () => this.enforceLicenses());
    schedule("alarms", this.options.alarmIntervalMs ?? 60_000, () => this.evaluateAlarms());
    schedule("retention", this.options.retentionIntervalMs ?? 3_600_000, () => this.applyRetention());
  }

  private async locked<T>(task: Task, intervalMs: number, run: () => Promise<T>): Promise<T | undefined> {
    const key = redisKey(this.options.prefix, "housekeeping", task);
    const ok = await this.options.redis.set(key, String(process.pid), "PX", Math.max(1000, Math.floor(intervalMs * 0.9)), "NX");
    return ok ? run() : undefined;
  }

  /** The tenants a round covers: all of them, or `only` those (a process serving some tenants,
   * or a test that must not touch anyone else's). */
  private async tenantIds(only?: string[]): Promise<{ id: string; alarmsToMqtt: boolean; retentionDays: number }[]> {
    return this.options.db.tenant.findMany({
      ...(only ? { where: { id: { in: only } } } : {}),
      select: { id: true, alarmsToMqtt: true, retentionDays: true },
    });
  }

  /** Raises and clears device alarms of every tenant; tells the portal (live) and, where the
   * tenant asked for it, MQTT subscribers. */
  async evaluateAlarms(now: Date = new Date(), only?: string[]): Promise<AlarmTransition[]> {
    const all: AlarmTransition[] = [];
    for (const tenant of await this.tenantIds(only)) {
      const transitions = await evaluateTenantAlarms(this.options.db, tenant.id, now);
      if (transitions.length === 0) continue;
      all.push(...transitions);
      const pipeline = this.options.redis.pipeline();
      for (const t of transitions) pipeline.publish(channels.alarms(this.options.prefix, tenant.id), JSON.stringify(t));
      await pipeline.exec();
      if (tenant.alarmsToMqtt && this.publisher) {
        await this.publisher.publish(transitions).catch((err: unknown) =>
          this.options.log.warn({ err, tenantId: tenant.id }, "could not publish alarm messages"),
        );
      }
    }
    if (all.length) this.options.log.info({ raised: all.filter((t) => t.state === "raised").length, cleared: all.filter((t) => t.state === "cleared").length }, "device alarms changed");
    return all;
  }

  /** Deletes telemetry history older than each tenant's retention period. */
  async applyRetention(now: Date = new Date(), only?: string[]) {
    let records = 0;
    let points = 0;
    for (const tenant of await this.tenantIds(only)) {
      const removed = await deleteTelemetryBefore(this.options.db, tenant.id, new Date(now.getTime() - tenant.retentionDays * 86_400_000));
      records += removed.records;
      points += removed.points;
    }
    if (records || points) this.options.log.info({ records, points }, "telemetry past retention deleted");
    return { records, points };
  }

  /** Re-applies every tenant's limits (licenses start and end on their own), and tells the
   * workers about tenants whose devices changed. */
  async enforceLicenses(now: Date = new Date(), only?: string[]) {
    let changed = 0;
    for (const tenant of await this.tenantIds(only)) {
      const result = await applyLicenseLimits(this.options.db, tenant.id, this.options.licensePublicKey, now);
      if (result.changed > 0) {
        changed += result.changed;
        await this.options.redis.publish(channels.devicesChanged(this.options.prefix), tenant.id);
      }
    }
    return changed;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running]);
    await this.publisher?.close();
  }
}
