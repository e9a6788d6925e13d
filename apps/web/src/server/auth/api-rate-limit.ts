import "server-only";
import { redisKey } from "@tidewire/config";
import type { Redis } from "ioredis";

export interface RateLimitHit {
  /** "per-second" or "per-minute": the limit that was reached */
  limit: "per-second" | "per-minute";
  max: number;
  windowSeconds: number;
  retryAfterSeconds: number;
}

/** Per-key request limits in fixed windows kept in Redis (shared by every web replica): a short
 * one against bursts and a longer one against sustained load. Answers the limit that was hit,
 * or null when the request may go ahead. */
export async function checkApiRateLimit(
  redis: Redis,
  prefix: string,
  keyId: string,
  limits: { perSecond: number; perMinute: number },
  now: number = Date.now(),
): Promise<RateLimitHit | null> {
  const second = Math.floor(now / 1000);
  const minute = Math.floor(now / 60_000);
  const secondKey = redisKey(prefix, "api-rate", keyId, "s", second);
  const minuteKey = redisKey(prefix, "api-rate", keyId, "m", minute);
  const results = await redis.multi().incr(secondKey).expire(secondKey, 2).incr(minuteKey).expire(minuteKey, 61).exec();
  const perSecond = Number(results?.[0]?.[1] ?? 0);
  const perMinute = Number(results?.[2]?.[1] ?? 0);
  if (perSecond > limits.perSecond) {
    return { limit: "per-second", max: limits.perSecond, windowSeconds: 1, retryAfterSeconds: 1 };
  }
  if (perMinute > limits.perMinute) {
    return { limit: "per-minute", max: limits.perMinute, windowSeconds: 60, retryAfterSeconds: Math.max(1, 60 - Math.floor((now / 1000) % 60)) };
  }
  return null;
}
