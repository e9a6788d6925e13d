import type { Env } from "@tidewire/config";
import type { DeliveryPolicy } from "@tidewire/egress";

export { agrirouterApplicationFrom } from "@tidewire/egress";

/** The delivery policy from EGRESS_*. */
export function deliveryPolicyFrom(config: Env): Partial<DeliveryPolicy> {
  return {
    retryBaseMs: config.EGRESS_RETRY_BASE_MS,
    retryMaxMs: config.EGRESS_RETRY_MAX_MS,
    breakerThreshold: config.EGRESS_BREAKER_THRESHOLD,
    probeMaxMs: config.EGRESS_PROBE_MAX_SECONDS * 1000,
    deadLetterAfterMs: config.EGRESS_DEAD_LETTER_AFTER_SECONDS * 1000,
    maxBacklog: config.EGRESS_MAX_BACKLOG,
  };
}
