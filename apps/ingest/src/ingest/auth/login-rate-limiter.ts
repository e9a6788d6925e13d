import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";

const FAILURE_WINDOW_MS = 15 * 60_000;
const KNOWN_SOURCE_MS = 24 * 3600_000;

// INCR that starts the key's expiry with its first count (a fixed window).
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

/**
 * Limits gateway logins, shared by every ingest process through Redis:
 * - attempts per source address and minute (a flood costs nothing but a counter);
 * - failed logins per source address and per username within 15 minutes, checked before the
 *   password hash is computed, so guessing is slow and cannot exhaust the CPU.
 * A source that logged in successfully with a username in the last day is not held back by that
 * username's failures: someone guessing a tenant's password cannot lock its access points out.
 */
export class LoginRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: { attemptsPerMinute: number; failuresPer15Min: number },
  ) {
    const r = redis as Redis & { twRateCount?: unknown };
    if (!r.twRateCount) redis.defineCommand("twRateCount", { numberOfKeys: 1, lua: COUNT });
  }

  private key(...parts: string[]): string {
    return redisKey(this.prefix, "login", ...parts);
  }

  private static id(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 24);
  }

  /** Counts an attempt from `source` (for `username`, when known) and says whether it may
   * proceed to the password check. */
  async attempt(source: string, username?: string): Promise<RateVerdict> {
    const minute = Math.floor(Date.now() / 60_000);
    const count = this.redis as Redis & { twRateCount(key: string, ttl: number): Promise<number> };
    const attempts = await count.twRateCount(this.key("attempts", source, String(minute)), 60_000);
    if (attempts > this.limits.attemptsPerMinute) {
      return { allowed: false, retryAfterSeconds: 60 - Math.floor((Date.now() / 1000) % 60), reason: "too many attempts from this address" };
    }
    return this.checkFailures(source, username);
  }

  /** Whether earlier failures hold this source (and username) back, without counting an attempt. */
  async checkFailures(source: string, username?: string): Promise<RateVerdict> {
    const limit = this.limits.failuresPer15Min;
    const sourceKey = this.key("fail-src", source);
    const pipeline = this.redis.pipeline().get(sourceKey).pttl(sourceKey);
    if (username !== undefined) {
      const userKey = this.key("fail-user", LoginRateLimiter.id(username));
      pipeline.get(userKey).pttl(userKey).sismember(this.key("known", LoginRateLimiter.id(username)), source);
    }
    const replies = ((await pipeline.exec()) ?? []).map(([, v]) => v);
    const [sourceFailures, sourceTtl, userFailures, userTtl, known] = replies as [string | null, number, string | null, number, number];
    if (Number(sourceFailures ?? 0) >= limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(sourceTtl / 1000)), reason: "too many failed logins from this address" };
    }
    if (username !== undefined && Number(userFailures ?? 0) >= limit && known !== 1) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(userTtl / 1000)), reason: "too many failed logins for this username" };
    }
    return { allowed: true };
  }

  async failed(source: string, username?: string): Promise<void> {
    const count = this.redis as Redis & { twRateCount(key: string, ttl: number): Promise<number> };
    await count.twRateCount(this.key("fail-src", source), FAILURE_WINDOW_MS);
    if (username !== undefined) await count.twRateCount(this.key("fail-user", LoginRateLimiter.id(username)), FAILURE_WINDOW_MS);
  }

  async succeeded(source: string, username: string): Promise<void> {
    const known = this.key("known", LoginRateLimiter.id(username));
    await this.redis.pipeline().sadd(known, source).pexpire(known, KNOWN_SOURCE_MS).exec();
  }
}
