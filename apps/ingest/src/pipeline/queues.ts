import { z } from "zod";

/** Queue names (BullMQ adds the installation's REDIS_PREFIX; hash-tagged for Redis Cluster). */
export { telegramQueueName } from "@tidewire/config";

export const receptionSchema = z.object({
  gatewayId: z.string(),
  /** gateway identity (MAC or id), as shown to users */
  gateway: z.string(),
  /** dBm as a positive number (the ESP3 optional-data byte); null when the gateway gave none */
  rssi: z.number().int().nullable(),
  /** reception time, Unix milliseconds */
  at: z.number(),
});
export type Reception = z.infer<typeof receptionSchema>;

/** One queue job: frames of one tenant collected for a few milliseconds. */
export const telegramBatchSchema = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  frames: z
    .array(
      z.object({
        /** telegram id: unique per radio telegram (the duplicate-removal key when known) */
        id: z.string(),
        /** the complete ESP3 packet, hex */
        esp3: z.string().regex(/^[0-9a-f]+$/),
        receptions: z.array(receptionSchema).min(1),
      }),
    )
    .min(1),
});
export type TelegramBatch = z.infer<typeof telegramBatchSchema>;

// Delivery jobs are defined with the connectors (packages/egress): the portal replays dead
// letters onto the same queues.
export { deliveryBatchSchema, deliveryQueueName, type DeliveryBatch, type DeliveryMessage } from "@tidewire/egress";
