import { Redis } from "ioredis";

/** Deletes every key under a prefix (a test run's keys, BullMQ queues included). */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix || prefix.length < 4) throw new Error("refusing to delete a short Redis prefix");
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    for await (const keys of scanKeys(redis, `${prefix}:*`)) deleted += await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Every key matching `pattern`, a page at a time (SCAN: never blocks Redis like KEYS would). */
export async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== "0");
}
