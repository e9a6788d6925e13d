import "server-only";
import { deliveryQueueName } from "@tidewire/config";
import { deadLettersForReplay, markDeadLettersReplayed, type Db } from "@tidewire/db";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

/** The delivery queue of one target, as the delivery workers name it (BullMQ adds the prefix). */
export { deliveryQueueName };

const storedBatchSchema = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  targetId: z.string(),
  messages: z.array(z.record(z.string(), z.unknown())).min(1),
});

/** Puts dead letters back on their target's queue, oldest first, and marks them replayed. A
 * stored batch that names another tenant or target is refused rather than sent. */
export async function replayDeadLetters(
  deps: { db: Db; redis: Redis; prefix: string },
  tenantId: string,
  targetId: string,
  ids?: string[],
): Promise<{ replayed: number; skipped: { id: string; reason: string }[] }> {
  const letters = await deadLettersForReplay(deps.db, tenantId, targetId, ids);
  if (letters.length === 0) return { replayed: 0, skipped: [] };
  const queue = new Queue(deliveryQueueName(targetId), { connection: deps.redis, prefix: deps.prefix });
  const replayed: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  try {
    for (const letter of letters) {
      const batch = storedBatchSchema.safeParse(letter.payload);
      if (!batch.success) {
        skipped.push({ id: letter.id, reason: "the stored batch is not a delivery batch" });
        continue;
      }
      if (batch.data.tenantId !== tenantId || batch.data.targetId !== targetId) {
        skipped.push({ id: letter.id, reason: "the stored batch belongs to another target" });
        continue;
      }
      await queue.add("batch", batch.data, { removeOnComplete: true, removeOnFail: { count: 10_000 } });
      replayed.push(letter.id);
    }
  } finally {
    await queue.close();
  }
  await markDeadLettersReplayed(deps.db, tenantId, replayed);
  return { replayed: replayed.length, skipped };
}
