import { jittered, type DeliveryPolicy } from "./delivery-policy";

export type BreakerStatus = "HEALTHY" | "FAILING" | "PAUSED";

/** Counts consecutive failures of a target. Below the threshold the target is FAILING and a batch
 * is retried with exponential backoff; at the threshold the circuit opens (PAUSED): nothing is
 * taken from the queue and the head batch is tried as a probe at growing intervals; the first
 * success closes it (HEALTHY). */
export class CircuitBreaker {
  private failures = 0;
  status: BreakerStatus | "UNKNOWN" = "UNKNOWN";

  constructor(private readonly policy: DeliveryPolicy) {}

  get consecutiveFailures() {
    return this.failures;
  }

  /** Returns the new status when it changed. */
  success(): BreakerStatus | null {
    this.failures = 0;
    return this.set("HEALTHY");
  }

  failure(): BreakerStatus | null {
    this.failures++;
    return this.set(this.failures >= this.policy.breakerThreshold ? "PAUSED" : "FAILING");
  }

  /** How long to wait before the next attempt of the head batch. */
  nextDelayMs(attemptOfBatch: number): number {
    if (this.status === "PAUSED") {
      return jittered(this.policy.probeBaseMs, this.failures - this.policy.breakerThreshold + 1, this.policy.probeMaxMs);
    }
    return jittered(this.policy.retryBaseMs, attemptOfBatch, this.policy.retryMaxMs);
  }

  private set(status: BreakerStatus): BreakerStatus | null {
    if (this.status === status) return null;
    this.status = status;
    return status;
  }
}
