import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import { tenantLimits, usageDay, type Db } from "@tidewire/db";
import { TRIAL_LIMITS } from "@tidewire/license";

const LIMITS_CACHE_MS = 60_000;

/** The license's messages-per-day limit, counted for all workers together in Redis (one counter
 * per tenant and UTC day). Messages past the limit are dropped at processing, as IoTC drops
 * devices past its license, and counted so the portal can say what is being dropped. */
export class DailyMessageQuota {
  private readonly limits = new Map<string, { at: number; perDay: number }>();

  constructor(
    private readonly options: { db: Db; redis: Redis; prefix: string; licensePublicKey: string | undefined },
  ) {}

  /** Claims `wanted` messages for the tenant today; answers how many of them may go out. */
  async claim(tenantId: string, wanted: number, now: Date = new Date()): Promise<number> {
    if (wanted === 0) return 0;
    const limit = await this.limitOf(tenantId);
    const key = redisKey(this.options.prefix, "usage", tenantId, usageDay(now).toISOString().slice(0, 10));
    const [[, total]] = (await this.options.redis.multi().incrby(key, wanted).expire(key, 2 * 86_400).exec()) as [
      [unknown, number],
      unknown,
    ];
    const before = total - wanted;
    return Math.max(0, Math.min(wanted, limit - before));
  }

  private async limitOf(tenantId: string): Promise<number> {
    const cached = this.limits.get(tenantId);
    if (cached && Date.now() - cached.at < LIMITS_CACHE_MS) return cached.perDay;
    // Without the platform's public key no license can be verified: the trial limits apply.
    const key = this.options.licensePublicKey;
    const limits = key ? await tenantLimits(this.options.db, tenantId, key) : TRIAL_LIMITS;
    this.limits.set(tenantId, { at: Date.now(), perDay: limits.maxMessagesPerDay });
    return limits.maxMessagesPerDay;
  }
}
