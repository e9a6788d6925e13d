import { z } from "zod";

/** Per-target overrides of the installation's delivery policy (see docs/egress.md). */
export const deliveryPolicySchema = z
  .object({
    /** batches waiting at most; over it the oldest go to the dead letters (OVERFLOW) */
    maxBacklog: z.number().int().min(1).max(10_000_000).optional(),
    /** a batch that could not be delivered for this long goes to the dead letters (MAX_AGE) */
    deadLetterAfterSeconds: z.number().int().min(1).max(30 * 86400).optional(),
  })
  .strict();
export type DeliveryPolicyOverrides = z.infer<typeof deliveryPolicySchema>;
