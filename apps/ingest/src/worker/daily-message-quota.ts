import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import { tenantLimits, usageDay, type Db } from "@tidewire/db";
import { TRIAL_LIMITS } from "@tidewire/license";

const LIMITS_CACHE_MS = 60_000;
/** Messages claimed ahead in one Redis call while a tenant is far from its limit. */
const BLOCK = 500;
/** "Far": more than this many messages of today's limit were left at the last claim. */
const FAR_FROM_LIMIT = 20 * BLOCK;

interface Allowance {
  day: string;
  /** claimed in Redis, not yet handed out */
  left: number;
  /** what the limit left at the last claim */
  remaining: number;
}

/** The license's messages-per-day limit, counted for all workers together in Redis (one counter
 * per tenant and UTC day). Messages past the limit are dropped at processing, as IoTC drops
 * devices past its license, and counted so the portal can say what is being dropped.
 *
 * Far from the limit a worker claims a block of messages ahead and hands them out from memory,
 * so most batches need no Redis call; within FAR_FROM_LIMIT of the limit every batch claims
 * exactly what it needs, so the limit holds to the message. What a worker holds unused is given
 * back when it stops (a killed worker's block stays counted: at most BLOCK messages of that day). */
export class DailyMessageQuota {
  private readonly limits = new Map<string, { at: number; perDay: number }>();
  private readonly allowances = new Map<string, Allowance>();

  constructor(
    private readonly options: { db: Db; redis: Redis; prefix: string; licensePublicKey: string | undefined },
  ) {}

  /** Claims `wanted` messages for the tenant today; answers how many of them may go out. */
  async claim(tenantId: string, wanted: number, now: Date = new Date()): Promise<number> {
    if (wanted === 0) return 0;
    const day = usageDay(now).toISOString().slice(0, 10);
    let allowance = this.allowances.get(tenantId);
    if (allowance?.day !== day) {
      allowance = { day, left: 0, remaining: Infinity };
      this.allowances.set(tenantId, allowance);
    }
    if (allowance.left >= wanted) {
      allowance.left -= wanted;
      return wanted;
    }
    const limit = await this.limitOf(tenantId);
    // What is held is used first; the rest is claimed, with a block ahead while far from the limit.
    const fromHeld = allowance.left;
    const needed = wanted - fromHeld;
    const ahead = allowance.remaining > FAR_FROM_LIMIT ? BLOCK : 0;
    const total = await this.increment(tenantId, day, needed + ahead);
    const before = total - needed - ahead;
    const granted = Math.max(0, Math.min(needed + ahead, limit - before));
    allowance.remaining = limit - total;
    allowance.left = Math.max(0, granted - needed);
    // The part of the block the limit did not grant is given back at once: the counter then says
    // what was asked for, as when every batch claimed exactly.
    const unusedAhead = ahead - allowance.left;
    if (unusedAhead > 0) await this.options.redis.decrby(this.key(tenantId, day), unusedAhead);
    return fromHeld + Math.min(needed, granted);
  }

  /** Gives back what this worker claimed ahead and did not hand out (on stop). */
  async release(): Promise<void> {
    const held = [...this.allowances.entries()].filter(([, a]) => a.left > 0);
    this.allowances.clear();
    await Promise.all(held.map(([tenantId, a]) => this.options.redis.decrby(this.key(tenantId, a.day), a.left)));
  }

  private async increment(tenantId: string, day: string, count: number): Promise<number> {
    const key = this.key(tenantId, day);
    const [[, total]] = (await this.options.redis.multi().incrby(key, count).expire(key, 2 * 86_400).exec()) as [[unknown, number], unknown];
    return total;
  }

  private key(tenantId: string, day: string): string {
    return redisKey(this.options.prefix, "usage", tenantId, day);
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
