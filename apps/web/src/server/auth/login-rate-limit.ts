import "server-only";
import { redisKey } from "@tidewire/config";
import { services } from "../services";

const WINDOW_SECONDS = 60;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_SOURCE = 20;

/** Counts failed sign-ins per account and per source address in Redis (shared by every web
 * replica); past the limit, sign-in is refused for the rest of the window. */
export function loginRateLimiter() {
  const { redis, config } = services();
  const keys = (email: string, source: string) => [
    redisKey(config.REDIS_PREFIX, "login-fail", "account", email),
    redisKey(config.REDIS_PREFIX, "login-fail", "source", source),
  ] as const;
  return {
    async isBlocked(email: string, source: string) {
      const [account, src] = await redis.mget(...keys(email, source));
      return Number(account ?? 0) >= MAX_FAILURES_PER_ACCOUNT || Number(src ?? 0) >= MAX_FAILURES_PER_SOURCE;
    },
    async recordFailure(email: string, source: string) {
      const pipeline = redis.multi();
      for (const key of keys(email, source)) pipeline.incr(key).expire(key, WINDOW_SECONDS, "NX");
      await pipeline.exec();
    },
  };
}
