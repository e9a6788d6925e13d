import { LATENCY_BUCKETS } from "@tidewire/config";
import { Histogram, type Registry } from "prom-client";

/**
 * Where a telegram batch's time goes in the worker (docs/metrics.md): waiting in its partition's
 * queue, then decoding and writing. With the ingest hold and the egress wait and delivery times
 * they split the end-to-end latency into stages. Without a registry nothing is registered.
 */
export class WorkerMetrics {
  readonly batchWait: Histogram;
  readonly batchTime: Histogram;
  readonly writeTime: Histogram<"part">;

  constructor(registry: Registry | undefined) {
    const registers = registry ? [registry] : [];
    this.batchWait = new Histogram({
      name: "tidewire_worker_batch_wait_seconds",
      help: "From a telegram batch being queued by ingest to a worker taking it (alone or along with the batch before it)",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.batchTime = new Histogram({
      name: "tidewire_worker_batch_seconds",
      help: "Decoding a telegram batch (with the batches taken along) and writing its messages: delivery jobs, history, latest values; retries included",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.writeTime = new Histogram({
      name: "tidewire_worker_write_seconds",
      help: "One group write of the message sink: part=outbound (delivery jobs and live view, Redis) or stored (history and latest values, PostgreSQL)",
      labelNames: ["part"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }
}
