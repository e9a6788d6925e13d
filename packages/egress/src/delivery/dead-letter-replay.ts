import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { countDeadLetters, deleteDeadLetters, type Db } from "@tidewire/db";
import { deliveryQueueName, REPLAY_JOB, type ReplayRequest } from "../delivery-batch";

/** Asks the target's delivery to replay its dead letters (all, or the given ids) in the order they
 * were dead-lettered. The request is a job at the head of the target's queue: it runs after the
 * batch in hand and before everything else, so no later message of a device overtakes them.
 * Returns how many dead letters the request covers. */
export async function replayDeadLetters(
  deps: { db: Db; redis: Redis; prefix: string },
  tenantId: string,
  targetId: string,
  ids?: string[],
): Promise<{ requested: number }> {
  const target = await deps.db.egressTarget.findFirst({ where: { id: targetId, tenantId }, select: { id: true } });
  if (!target) throw Object.assign(new Error("egress target not found"), { code: "NOT_FOUND" });
  const requested = ids ? ids.length : await countDeadLetters(deps.db, tenantId, targetId);
  if (requested === 0) return { requested };
  const queue = new Queue(deliveryQueueName(targetId), { connection: deps.redis, prefix: deps.prefix });
  try {
    const data: ReplayRequest = { v: 1, tenantId, targetId, ...(ids ? { ids } : {}), requestedAt: Date.now() };
    await queue.add(REPLAY_JOB, data, { lifo: true, removeOnComplete: true, removeOnFail: { count: 100 } });
  } finally {
    await queue.close();
  }
  return { requested };
}

/** Deletes dead letters for good (all, or the given ids). Their devices' later messages are no
 * longer held back. */
export async function purgeDeadLetters(deps: { db: Db }, tenantId: string, targetId: string, ids?: string[]): Promise<{ purged: number }> {
  return { purged: await deleteDeadLetters(deps.db, tenantId, targetId, ids) };
}
