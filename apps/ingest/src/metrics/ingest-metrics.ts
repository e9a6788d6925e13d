import type { Queue } from "bullmq";
import { LATENCY_BUCKETS } from "@tidewire/config";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** What the ingest role reads its gauges from when Prometheus scrapes. */
export interface IngestGaugeSources {
  connections: () => { generic: number; aruba: number };
  connectedGateways: () => number;
  heldFrames: () => number;
  framesInClaim: () => number;
  congested: () => boolean;
  queues: () => readonly Queue[];
}

/**
 * The ingest role's Prometheus metrics (docs/metrics.md lists them all). Counters are bumped on
 * the hot path in memory; gauges are read when scraped. Without a registry (tests, benchmarks)
 * nothing is registered and the counters cost a map lookup.
 */
export class IngestMetrics {
  readonly received: Counter;
  readonly accepted: Counter;
  readonly rejected: Counter<"reason">;
  readonly duplicates: Counter<"kind">;
  readonly holdTime: Histogram;

  constructor(registry: Registry | undefined, sources?: IngestGaugeSources) {
    const registers = registry ? [registry] : [];
    this.received = new Counter({ name: "tidewire_ingest_frames_received_total", help: "ESP3 frames gateways sent, every reception counted", registers });
    this.accepted = new Counter({
      name: "tidewire_ingest_frames_accepted_total",
      help: "Frames that passed the license and duplicate checks and went on towards the decode queue",
      registers,
    });
    this.rejected = new Counter({
      name: "tidewire_ingest_frames_rejected_total",
      help: "Receptions ingest did not process, by reason (LICENSE, LATE_DUPLICATE, malformed input such as BAD_CRC or GARBAGE)",
      labelNames: ["reason"],
      registers,
    });
    this.duplicates = new Counter({
      name: "tidewire_ingest_duplicate_hits_total",
      help: "Receptions of a telegram another gateway (or a repeater) already delivered: joined while gathering, or late",
      labelNames: ["kind"],
      registers,
    });
    this.holdTime = new Histogram({
      name: "tidewire_ingest_hold_seconds",
      help: "From a telegram's first reception to its batch being on the decode queue: gathering the other receptions, batching, and the Redis writes",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    if (!registry || !sources) return;
    new Gauge({
      name: "tidewire_ingest_connections",
      help: "Open gateway websocket connections",
      labelNames: ["protocol"],
      registers,
      collect() {
        const c = sources.connections();
        this.set({ protocol: "generic" }, c.generic);
        this.set({ protocol: "aruba" }, c.aruba);
      },
    });
    new Gauge({
      name: "tidewire_ingest_connected_gateways",
      help: "Gateways (access points) with at least one open session on this process",
      registers,
      collect() {
        this.set(sources.connectedGateways());
      },
    });
    new Gauge({
      name: "tidewire_ingest_frames_held",
      help: "Frames held in memory: waiting for the duplicate check or for the other receptions before they are queued",
      labelNames: ["stage"],
      registers,
      collect() {
        this.set({ stage: "claim" }, sources.framesInClaim());
        this.set({ stage: "gather" }, sources.heldFrames());
      },
    });
    new Gauge({
      name: "tidewire_ingest_backpressure",
      help: "1 while ingest has stopped reading gateway sockets because Redis is not keeping up",
      registers,
      collect() {
        this.set(sources.congested() ? 1 : 0);
      },
    });
    new Gauge({
      name: "tidewire_ingest_queue_backlog_jobs",
      help: "Telegram batches waiting on the decode queues (all partitions)",
      registers,
      async collect() {
        const counts = await Promise.all(sources.queues().map((q) => q.getJobCounts("waiting", "active", "delayed", "prioritized")));
        this.set(counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0));
      },
    });
  }
}
