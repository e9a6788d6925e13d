import { z } from "zod";
import type { DeliveryMessage } from "../pipeline/queues";

/** A target's filter: a message passes when it matches every list that is given. */
export const targetFiltersSchema = z
  .object({
    tags: z.array(z.string()).optional(),
    eeps: z.array(z.string()).optional(),
    devices: z.array(z.string()).optional(),
  })
  .catch({});
export type TargetFilters = z.infer<typeof targetFiltersSchema>;

export function matchesFilters(filters: TargetFilters, message: DeliveryMessage): boolean {
  if (filters.tags?.length && !filters.tags.some((t) => message.tags.includes(t))) return false;
  if (filters.eeps?.length && !filters.eeps.some((e) => e.toUpperCase() === message.eep.toUpperCase())) return false;
  if (filters.devices?.length && !filters.devices.some((d) => d.toLowerCase() === message.sourceEurid)) return false;
  return true;
}
