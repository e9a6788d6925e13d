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
