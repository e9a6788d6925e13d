import type { DeliveryPolicyOverrides } from "../kinds/delivery-policy";

/** How a target's deliveries are retried, paused, bounded and dead-lettered (docs/egress.md). */
export interface DeliveryPolicy {
  /** first retry delay; doubles per attempt, with jitter */
  retryBaseMs: number;
  retryMaxMs: number;
  /** consecutive failures after which the circuit opens: the target is PAUSED and probed */
  breakerThreshold: number;
  /** first probe interval while paused; doubles per failed probe */
  probeBaseMs: number;
  probeMaxMs: number;
  /** a batch not delivered for this long goes to the dead letters (MAX_AGE) */
  deadLetterAfterMs: number;
  /** batches waiting at most; beyond it the oldest go to the dead letters (OVERFLOW) */
  maxBacklog: number;
  /** how often a waiting delivery re-checks backlog, age and shutdown */
  checkIntervalMs: number;
  /** how often counters are written to the database */
  counterFlushMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  retryBaseMs: 500,
  retryMaxMs: 60_000,
  breakerThreshold: 5,
  probeBaseMs: 5_000,
  probeMaxMs: 300_000,
  deadLetterAfterMs: 24 * 3600_000,
  maxBacklog: 100_000,
  checkIntervalMs: 1_000,
  counterFlushMs: 2_000,
};

export function policyFor(base: DeliveryPolicy, overrides: DeliveryPolicyOverrides | undefined): DeliveryPolicy {
  return {
    ...base,
    ...(overrides?.maxBacklog !== undefined ? { maxBacklog: overrides.maxBacklog } : {}),
    ...(overrides?.deadLetterAfterSeconds !== undefined ? { deadLetterAfterMs: overrides.deadLetterAfterSeconds * 1000 } : {}),
  };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many targets
 * spread out instead of arriving together. */
export function jittered(base: number, attempt: number, max: number, random = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
