// How many queue jobs the pipeline made: BullMQ numbers a queue's jobs from its `<queue>:id`
// counter, so reading the counters of the telegram partitions and of the delivery queues before
// and after a phase gives the jobs added in it — each costs Redis and the worker about the same
// whatever it holds, so jobs per telegram says how well the work was batched.
import { Redis } from "ioredis";
import { scanKeys } from "@tidewire/testkit";

export interface QueueJobCounts {
  telegramJobs: number;
  deliveryJobs: number;
}

/** Jobs still to be done on the telegram and delivery queues (waiting, active, delayed): while
 * any are left, a message not yet arrived is on its way (a delivery retrying after a failure
 * waits in its job), not lost. */
export async function pendingQueueJobs(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let total = 0;
    for (const pattern of [`${prefix}:{telegrams-*}:*`, `${prefix}:{deliver-*}:*`]) {
      for await (const keys of scanKeys(redis, pattern)) {
        for (const key of keys) {
          if (key.endsWith(":wait") || key.endsWith(":active") || key.endsWith(":paused")) total += await redis.llen(key);
          else if (key.endsWith(":delayed") || key.endsWith(":prioritized")) total += await redis.zcard(key);
        }
      }
    }
    return total;
  } finally {
    redis.disconnect();
  }
}

export async function readQueueJobCounts(redisUrl: string, prefix: string): Promise<QueueJobCounts> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const sum = async (pattern: string) => {
      let total = 0;
      for await (const keys of scanKeys(redis, pattern)) for (const v of await redis.mget(keys)) total += Number(v ?? 0);
      return total;
    };
    return { telegramJobs: await sum(`${prefix}:{telegrams-*}:id`), deliveryJobs: await sum(`${prefix}:{deliver-*}:id`) };
  } finally {
    redis.disconnect();
  }
}
