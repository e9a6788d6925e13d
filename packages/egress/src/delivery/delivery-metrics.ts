import { LATENCY_BUCKETS } from "@tidewire/config";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of egress delivery, per target. */
export class DeliveryMetrics {
  readonly delivered: Counter<"tenant" | "target" | "kind">;
  readonly failed: Counter<"tenant" | "target" | "kind" | "stage">;
  readonly retried: Counter<"tenant" | "target" | "kind">;
  readonly deadLettered: Counter<"tenant" | "target" | "kind" | "reason">;
  readonly replayed: Counter<"tenant" | "target" | "kind">;
  readonly backlog: Gauge<"tenant" | "target" | "kind">;
  readonly status: Gauge<"tenant" | "target" | "kind">;
  readonly lastSuccess: Gauge<"tenant" | "target" | "kind">;
  /** per kind only: a histogram per target would multiply the series by its buckets */
  readonly batchWait: Histogram<"kind">;
  readonly deliverTime: Histogram<"kind">;

  constructor(readonly registry: Registry) {
    const labelNames = ["tenant", "target", "kind"] as const;
    this.delivered = new Counter({ name: "tidewire_egress_delivered_total", help: "Messages delivered to the target", labelNames, registers: [registry] });
    this.failed = new Counter({ name: "tidewire_egress_failed_total", help: "Failed delivery attempts (batches)", labelNames: [...labelNames, "stage"], registers: [registry] });
    this.retried = new Counter({ name: "tidewire_egress_retried_total", help: "Batches tried again after a failure", labelNames, registers: [registry] });
    this.deadLettered = new Counter({ name: "tidewire_egress_dead_lettered_total", help: "Batches moved to the dead letters", labelNames: [...labelNames, "reason"], registers: [registry] });
    this.replayed = new Counter({ name: "tidewire_egress_replayed_total", help: "Dead-letter batches delivered by a replay", labelNames, registers: [registry] });
    this.backlog = new Gauge({ name: "tidewire_egress_backlog_batches", help: "Batches waiting in the target's queue", labelNames, registers: [registry] });
    this.status = new Gauge({ name: "tidewire_egress_status", help: "0 healthy or unknown, 1 failing, 2 paused (circuit open)", labelNames, registers: [registry] });
    this.lastSuccess = new Gauge({ name: "tidewire_egress_last_success_seconds", help: "Unix time of the last successful delivery", labelNames, registers: [registry] });
    this.batchWait = new Histogram({
      name: "tidewire_egress_batch_wait_seconds",
      help: "From a delivery batch being queued to a worker taking it (alone or along with the batch before it)",
      labelNames: ["kind"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.deliverTime = new Histogram({
      name: "tidewire_egress_deliver_seconds",
      help: "One delivery attempt to the target: from the first message sent to the last acknowledged (or the failure)",
      labelNames: ["kind"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }
}
