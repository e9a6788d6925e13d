import { describe, expect, it } from "vitest";
import { parseHistograms, quantile, stageLatencies } from "./stage-latency";

const scrape = (fast: number, slow: number, sum: number, role = "worker") => `# HELP tidewire_worker_batch_seconds x
# TYPE tidewire_worker_batch_seconds histogram
tidewire_worker_batch_seconds_bucket{le="0.01",role="${role}"} ${fast}
tidewire_worker_batch_seconds_bucket{le="0.1",role="${role}"} ${fast + slow}
tidewire_worker_batch_seconds_bucket{le="+Inf",role="${role}"} ${fast + slow}
tidewire_worker_batch_seconds_sum{role="${role}"} ${sum}
tidewire_worker_batch_seconds_count{role="${role}"} ${fast + slow}
tidewire_egress_deliver_seconds_bucket{le="0.01",kind="MQTT",role="${role}"} 4
tidewire_egress_deliver_seconds_bucket{le="+Inf",kind="MQTT",role="${role}"} 4
tidewire_egress_deliver_seconds_sum{kind="MQTT",role="${role}"} 0.02
tidewire_egress_deliver_seconds_count{kind="MQTT",role="${role}"} 4
nodejs_gc_duration_seconds_bucket{le="0.01",kind="major"} 3
`;

describe("stage latencies from Prometheus histograms", () => {
  it("adds up the processes' series and keeps other labels apart", () => {
    const both = parseHistograms(scrape(1, 1, 0.1, "worker-2"), parseHistograms(scrape(10, 0, 0.05)));
    expect([...both.keys()]).toEqual(["tidewire_worker_batch_seconds", "tidewire_egress_deliver_seconds{kind=MQTT}"]);
    expect(both.get("tidewire_worker_batch_seconds")!.count).toBe(12);
    expect(both.get("tidewire_worker_batch_seconds")!.buckets.get(0.01)).toBe(11);
  });

  it("reports only what was observed between the two scrapes", () => {
    const stages = stageLatencies(parseHistograms(scrape(100, 0, 0.5)), parseHistograms(scrape(100, 50, 3)));
    const batch = stages.find((s) => s.series === "tidewire_worker_batch_seconds")!;
    expect(batch.count).toBe(50);
    expect(batch.meanMs).toBe(50);
    // All 50 new observations lie between 10 and 100 ms: the median is estimated mid-bucket.
    expect(batch.p50Ms).toBe(55);
    expect(stages.some((s) => s.series.startsWith("tidewire_egress_deliver_seconds"))).toBe(false);
  });

  it("estimates quantiles by interpolating inside the bucket, as histogram_quantile does", () => {
    const buckets = [[0.01, 50], [0.02, 90], [0.05, 100], [Infinity, 100]] as const;
    expect(quantile(0.5, buckets)).toBeCloseTo(0.01);
    expect(quantile(0.7, buckets)).toBeCloseTo(0.015);
    expect(quantile(0.99, buckets)).toBeCloseTo(0.047);
    expect(quantile(0.99, [[0.01, 1], [Infinity, 100]])).toBe(0.01);
  });
});
