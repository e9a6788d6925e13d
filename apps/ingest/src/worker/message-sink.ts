import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Histogram } from "prom-client";
import { channels, type TeachInEvent } from "@tidewire/config";
import {
  insertTelemetry,
  listEnabledTargets,
  recordLatestMessages,
  StatsAccumulator,
  type Db,
  type SqlTarget,
  type TelemetryRow,
} from "@tidewire/db";
import { deliveryQueueName, type DeliveryMessage } from "../pipeline/queues";
import type { DailyMessageQuota } from "./daily-message-quota";
import { GroupCommit } from "./group-commit";
import { LiveAudience } from "./live-audience";
import { matchesFilters, targetFiltersSchema } from "./target-routing";

/** One finished output message of a device, whatever radio it came from (EnOcean telegram,
 * LoRaWAN uplink, small device reading). */
export interface ProcessedMessage {
  device: { id: string; sourceEurid: string; eep: string; friendlyId: string; location: string; tags: string[] };
  telegramId: string;
  seenAt: Date;
  /** best RSSI (positive dBm magnitude, as IoTC prints it), null when unknown */
  rssi: number | null;
  /** the output message (IoTC format) */
  message: Record<string, unknown>;
  /** every reception, as stored with the history row */
  receptions: unknown;
}

/** Messages a batch may still send under the license's daily limit. */
export interface Admission {
  /** true: this message goes out (counted); false: it is over the limit (counted as dropped) */
  take(): boolean;
}

const TARGET_CACHE_MS = 5_000;
/** messages written in one group at most (statement and queue job size) */
const MAX_GROUP_MESSAGES = 4_000;
const GROUPING = { sizeOf: (e: Emission) => e.messages.length + e.teachIns.length, maxSize: MAX_GROUP_MESSAGES };

/** A batch's messages for the targets, and its messages and teach-ins for the history and the live
 * view: the same messages, unless an earlier attempt finished one part. */
export interface Handover {
  send: ProcessedMessage[];
  store: ProcessedMessage[];
  teachIns: TeachInEvent[];
}

interface Emission {
  tenantId: string;
  messages: ProcessedMessage[];
  teachIns: TeachInEvent[];
}

/** Where processed messages go: the daily limit, every matching egress target's queue, the
 * history and latest values in Postgres, and the portal's live view. Statistics and daily usage
 * are counted here in memory; the worker role writes them every few seconds. */
export class MessageSink {
  readonly deviceStats = new StatsAccumulator();
  readonly gatewayStats = new StatsAccumulator();
  /** messages processed and dropped per tenant since the last flush (daily usage) */
  readonly usage = new Map<string, { messages: number; dropped: number }>();
  private readonly queues = new Map<string, Queue>();
  private readonly targets = new Map<string, { at: number; list: Awaited<ReturnType<typeof listEnabledTargets>> }>();
  private readonly refreshing = new Set<string>();
  /** Deliveries (Redis), and history and latest values (PostgreSQL), each grouped on its own: a
   * delivery never waits for a slower history write of another batch. The live view follows the
   * history: a portal page that hears of a message reads it back from the history at once. */
  private readonly outbound = new GroupCommit<Emission>((emissions) => this.timed("outbound", () => this.eachTenant(emissions, (e) => this.send(e))), GROUPING);
  private readonly stored = new GroupCommit<Emission>(async (emissions) => {
    await this.timed("stored", () => this.eachTenant(emissions, (e) => this.store(e)));
    await this.eachTenant(emissions, (e) => this.publishLive(e));
  }, GROUPING);

  private readonly audience: LiveAudience;
  /** where the per-batch statements run (the worker's pg pool; the Prisma client when absent) */
  private readonly sql: SqlTarget;

  constructor(
    private readonly options: {
      db: Db;
      sql?: SqlTarget;
      redis: Redis;
      prefix: string;
      quota: DailyMessageQuota;
      /** who watches the live view (tests set its timing) */
      audience?: LiveAudience;
      /** how long each group write takes, by part (tidewire_worker_write_seconds) */
      writeTime?: Histogram<"part">;
    },
  ) {
    this.sql = options.sql ?? options.db;
    this.audience = options.audience ?? new LiveAudience(options.redis);
  }

  /** Claims `wanted` messages of the tenant against today's limit, shared by all workers. */
  async admit(tenantId: string, wanted: number): Promise<Admission> {
    let allowed = await this.options.quota.claim(tenantId, wanted);
    let usage = this.usage.get(tenantId);
    if (!usage) {
      usage = { messages: 0, dropped: 0 };
      this.usage.set(tenantId, usage);
    }
    const counts = usage;
    return {
      take() {
        if (allowed > 0) {
          allowed -= 1;
          counts.messages += 1;
          return true;
        }
        counts.dropped += 1;
        return false;
      },
    };
  }

  /** Writes a batch's messages. Batches emitted while another write is in flight (other
   * partitions) are written together with it when it ends (group-commit.ts): their partitions
   * hold different devices, so per-device order is kept. Settles when this batch is written;
   * any failure fails the batch, which is then processed again (at least once). */
  async emit(tenantId: string, messages: ProcessedMessage[], teachIns: TeachInEvent[] = []): Promise<void> {
    await this.handOver(tenantId, { send: messages, store: messages, teachIns });
  }

  /**
   * The same in two parts that run side by side and succeed or fail apart: `send` to the
   * targets' queues, `store` (with the teach-ins) to the history, latest values and live view.
   * `done` hears of each part that succeeded; the promise settles once both have, rejecting with
   * the first failure. A batch retried after a failed history write then hands over only the
   * history again, not its deliveries (which would reach every target twice).
   */
  async handOver(tenantId: string, parts: Handover, done?: (part: "send" | "store") => void): Promise<void> {
    const send = parts.send.length > 0 ? this.outbound.submit({ tenantId, messages: parts.send, teachIns: [] }) : Promise.resolve();
    const store =
      parts.store.length > 0 || parts.teachIns.length > 0
        ? this.stored.submit({ tenantId, messages: parts.store, teachIns: parts.teachIns })
        : Promise.resolve();
    const results = await Promise.allSettled([send.then(() => done?.("send")), store.then(() => done?.("store"))]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  private async timed(part: "outbound" | "stored", write: () => Promise<void>): Promise<void> {
    const end = this.options.writeTime?.startTimer({ part });
    try {
      await write();
    } finally {
      end?.();
    }
  }

  /** The group's emissions joined per tenant, written side by side. */
  private async eachTenant(emissions: Emission[], write: (e: Emission) => Promise<void>): Promise<void> {
    const byTenant = new Map<string, Emission>();
    for (const e of emissions) {
      const joined = byTenant.get(e.tenantId);
      if (!joined) byTenant.set(e.tenantId, { tenantId: e.tenantId, messages: [...e.messages], teachIns: [...e.teachIns] });
      else {
        joined.messages.push(...e.messages);
        joined.teachIns.push(...e.teachIns);
      }
    }
    await Promise.all([...byTenant.values()].map(write));
  }

  /** Every matching target's delivery queue. */
  private async send({ tenantId, messages }: Emission): Promise<void> {
    await this.enqueueDeliveries(
      tenantId,
      messages.map((m) => ({
        telegramId: m.telegramId,
        sourceEurid: m.device.sourceEurid,
        eep: m.device.eep,
        friendlyId: m.device.friendlyId,
        location: m.device.location,
        tags: m.device.tags,
        message: m.message,
      })),
    );
  }

  /** History and latest values, side by side. */
  private async store({ tenantId, messages }: Emission): Promise<void> {
    if (messages.length === 0) return;
    const latest = new Map<string, { deviceId: string; message: unknown; seenAt: Date; rssi: number | null }>();
    for (const m of messages) latest.set(m.device.id, { deviceId: m.device.id, message: m.message, seenAt: m.seenAt, rssi: m.rssi });
    await Promise.all([insertTelemetry(this.sql, messages.map((m) => historyRow(tenantId, m))), recordLatestMessages(this.sql, tenantId, [...latest.values()])]);
  }

  /** Messages go to the live view only while someone watches it; teach-ins always (learn mode is
   * rare, and its page may start listening at any moment). */
  private async publishLive({ tenantId, messages, teachIns }: Emission): Promise<void> {
    const liveChannel = channels.live(this.options.prefix, tenantId);
    const live = messages.length > 0 && this.audience.listening(liveChannel) ? messages : [];
    if (live.length === 0 && teachIns.length === 0) return;
    const pipeline = this.options.redis.pipeline();
    for (const m of live) {
      pipeline.publish(liveChannel, JSON.stringify({ deviceId: m.device.id, sourceEurid: m.device.sourceEurid, seenAt: m.seenAt.toISOString(), rssi: m.rssi, message: m.message }));
    }
    const teachInChannel = channels.teachIn(this.options.prefix, tenantId);
    for (const event of teachIns) pipeline.publish(teachInChannel, JSON.stringify(event));
    await pipeline.exec();
  }

  private async enqueueDeliveries(tenantId: string, messages: DeliveryMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const targets = await this.targetsOf(tenantId);
    await Promise.all(
      targets.map((target) => {
        const filters = targetFiltersSchema.parse(target.filters);
        const selected = messages.filter((m) => matchesFilters(filters, m));
        if (selected.length === 0) return undefined;
        return this.queueFor(target.id).add(
          "batch",
          { v: 1, tenantId, targetId: target.id, messages: selected },
          { removeOnComplete: true, removeOnFail: { count: 10_000 } },
        );
      }),
    );
  }

  /** The tenant's enabled targets, at most TARGET_CACHE_MS old: an older list is still used while
   * a fresh one is read in the background, so deliveries never wait for that query once the
   * tenant is known (a changed target takes effect within one refresh, as before). */
  private async targetsOf(tenantId: string) {
    const cached = this.targets.get(tenantId);
    if (!cached) return this.readTargets(tenantId);
    if (Date.now() - cached.at >= TARGET_CACHE_MS && !this.refreshing.has(tenantId)) {
      this.refreshing.add(tenantId);
      void this.readTargets(tenantId)
        .catch(() => undefined) // the old list serves until a read succeeds
        .finally(() => this.refreshing.delete(tenantId));
    }
    return cached.list;
  }

  /** A target was created, changed or removed somewhere (channels.targetsChanged): read every
   * tenant's list afresh at its next batch. */
  forgetTargets(): void {
    this.targets.clear();
  }

  private async readTargets(tenantId: string) {
    const list = await listEnabledTargets(this.options.db, tenantId);
    this.targets.set(tenantId, { at: Date.now(), list });
    return list;
  }

  private queueFor(targetId: string): Queue {
    let queue = this.queues.get(targetId);
    if (!queue) {
      queue = new Queue(deliveryQueueName(targetId), { connection: this.options.redis, prefix: this.options.prefix });
      this.queues.set(targetId, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await this.options.quota.release().catch(() => undefined); // unused claims only cost the day's count
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

function historyRow(tenantId: string, m: ProcessedMessage): TelemetryRow {
  const telemetry = m.message.telemetry as { data?: unknown; signal?: unknown } | undefined;
  const raw = m.message.raw as { data?: string } | undefined;
  return {
    tenantId,
    deviceId: m.device.id,
    time: m.seenAt,
    telegramId: m.telegramId,
    data: telemetry?.data ?? [],
    signal: telemetry?.signal ?? [],
    rssi: m.rssi,
    rawData: raw?.data ?? "",
    receptions: m.receptions,
  };
}
