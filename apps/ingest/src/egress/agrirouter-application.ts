import type { Env } from "@tidewire/config";
import type { AgrirouterApplication, DeliveryPolicy } from "@tidewire/egress";

/** The installation's agrirouter application from AGRIROUTER_*; undefined when not configured. */
export function agrirouterApplicationFrom(config: Env): AgrirouterApplication | undefined {
  if (!config.AGRIROUTER_APPLICATION_ID || !config.AGRIROUTER_CERTIFICATION_VERSION_ID || !config.AGRIROUTER_PRIVATE_KEY) return undefined;
  const key = config.AGRIROUTER_PRIVATE_KEY.includes("-----BEGIN")
    ? config.AGRIROUTER_PRIVATE_KEY
    : Buffer.from(config.AGRIROUTER_PRIVATE_KEY, "base64").toString("utf8");
  return {
    applicationId: config.AGRIROUTER_APPLICATION_ID,
    certificationVersionId: config.AGRIROUTER_CERTIFICATION_VERSION_ID,
    privateKey: key,
    registrationUrl: config.AGRIROUTER_REGISTRATION_URL,
  };
}

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
