import { Redis, type RedisOptions } from "ioredis";

/** BullMQ needs connections that retry forever (maxRetriesPerRequest: null) so that a Redis
 * restart pauses work instead of failing jobs. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}
