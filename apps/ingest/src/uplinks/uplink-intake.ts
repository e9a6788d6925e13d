import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import { recordTtsUplinkSeen, type Db } from "@tidewire/db";
import { uplinkIdentity, type LorawanUplink } from "@tidewire/uplinks";
import { UPLINK_QUEUE, type SmallDeviceJob } from "./uplink-queue";

export type IntakeOutcome = "queued" | "duplicate";

/** Puts accepted uplinks on the uplink queue. An uplink counts as accepted once the queue holds
 * it; callers answer 2xx only after `enqueue*` resolved. LoRaWAN duplicates (same device,
 * session and frame counter, e.g. TTS retrying a webhook or two integrations delivering the same
 * uplink) are claimed in Redis, shared by every ingest process, and dropped. */
export class UplinkIntake {
  private readonly queue: Queue;
  /** when each tenant's "last uplink" was last written (at most every few seconds, not per uplink) */
  private readonly seenWritten = new Map<string, number>();

  constructor(private readonly options: { db: Db; redis: Redis; prefix: string; dedupWindowSeconds?: number }) {
    this.queue = new Queue(UPLINK_QUEUE, { connection: options.redis, prefix: options.prefix });
  }

  async enqueueLorawan(tenantId: string, uplink: LorawanUplink, via: "webhook" | "mqtt"): Promise<IntakeOutcome> {
    const id = uplinkIdentity(uplink);
    const key = redisKey(this.options.prefix, "uplink-seen", tenantId, id);
    const claimed = await this.options.redis.set(key, "1", "EX", this.options.dedupWindowSeconds ?? 900, "NX");
    if (claimed !== "OK") return "duplicate";
    try {
      await this.queue.add("lorawan", { v: 1, kind: "LORAWAN", tenantId, id, via, uplink }, JOB_OPTIONS);
    } catch (error) {
      // Not queued: the sender will retry, and the retry must not look like a duplicate.
      await this.options.redis.del(key).catch(() => undefined);
      throw error;
    }
    this.noteSeen(tenantId);
    return "queued";
  }

  private noteSeen(tenantId: string): void {
    const now = Date.now();
    if (now - (this.seenWritten.get(tenantId) ?? 0) < SEEN_WRITE_MS) return;
    this.seenWritten.set(tenantId, now);
    void recordTtsUplinkSeen(this.options.db, tenantId, new Date(now)).catch(() => undefined);
  }

  async enqueueSmallDevice(job: Omit<SmallDeviceJob, "v" | "kind">): Promise<void> {
    await this.queue.add("small-device", { v: 1, kind: "SMALL_DEVICE", ...job }, JOB_OPTIONS);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

const SEEN_WRITE_MS = 5_000;
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { count: 10_000 }, attempts: 10, backoff: { type: "exponential", delay: 500 } } as const;
