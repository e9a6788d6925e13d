import { z } from "zod";

/** Queue name of a target's deliveries (hash-tagged for Redis Cluster; see @tidewire/config). */
export { deliveryQueueName } from "@tidewire/config";

export const deliveryMessageSchema = z.object({
  /** unique per radio telegram: the idempotency key where a target has one */
  telegramId: z.string(),
  sourceEurid: z.string(),
  eep: z.string(),
  friendlyId: z.string(),
  location: z.string(),
  tags: z.array(z.string()),
  /** the IoTC output message */
  message: z.record(z.string(), z.unknown()),
});
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;

/** One delivery job: messages for one target, in the order they were decoded. */
export const deliveryBatchSchema = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  targetId: z.string(),
  messages: z.array(deliveryMessageSchema).min(1),
});
export type DeliveryBatch = z.infer<typeof deliveryBatchSchema>;

/** A control job on a target's queue: replay its dead letters, in order, before anything queued
 * after the request (see docs/egress.md). */
export const replayRequestSchema = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  targetId: z.string(),
  /** only these dead letters; all of them when absent */
  ids: z.array(z.string()).optional(),
  requestedAt: z.number(),
});
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

export const DELIVERY_JOB = "batch";
export const REPLAY_JOB = "replay";
