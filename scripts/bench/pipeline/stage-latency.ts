// Where the latency goes: the pipeline's stage histograms (docs/metrics.md) read from every
// process's /metrics before and after a phase; what happened in between, summed over processes,
// with quantiles estimated from the buckets as Prometheus's histogram_quantile does.

/** The stages in the order a telegram passes them. */
export const STAGES = [
  { metric: "tidewire_ingest_hold_seconds", stage: "ingest: first reception → on the decode queue (gathering, batching)" },
  { metric: "tidewire_worker_batch_wait_seconds", stage: "decode queue: queued → taken by a worker" },
  { metric: "tidewire_worker_batch_seconds", stage: "worker: decode and write a batch (delivery jobs, history)" },
  { metric: "tidewire_worker_write_seconds", stage: "worker: one group write" },
  { metric: "tidewire_egress_batch_wait_seconds", stage: "delivery queue: queued → taken" },
  { metric: "tidewire_egress_deliver_seconds", stage: "delivery: sent → acknowledged by the target" },
] as const;

/** Cumulative bucket counts of one series (label set without `le` and `role`). */
export interface HistogramSeries {
  buckets: Map<number, number>;
  count: number;
  sum: number;
}

export type HistogramScrape = Map<string, HistogramSeries>;

const LINE = /^(\w+?)_(bucket|sum|count)(?:\{([^}]*)\})? ([^ ]+)/;

/** Reads the histograms named in STAGES from Prometheus text, keyed `name{labels}` (without `le`
 * and `role`); series of the same key (several processes) are added up. */
export function parseHistograms(text: string, into: HistogramScrape = new Map()): HistogramScrape {
  const wanted = new Set<string>(STAGES.map((s) => s.metric));
  for (const line of text.split("\n")) {
    const m = LINE.exec(line);
    if (!m || !wanted.has(m[1]!)) continue;
    const [, name, part, labelText = "", value] = m;
    const labels = [...labelText.matchAll(/(\w+)="([^"]*)"/g)].filter(([, k]) => k !== "le" && k !== "role").map(([, k, v]) => `${k}=${v}`);
    const key = labels.length ? `${name}{${labels.join(",")}}` : name!;
    let series = into.get(key);
    if (!series) into.set(key, (series = { buckets: new Map(), count: 0, sum: 0 }));
    const n = Number(value);
    if (part === "bucket") {
      const le = /le="([^"]+)"/.exec(labelText)?.[1];
      const bound = le === "+Inf" ? Infinity : Number(le);
      series.buckets.set(bound, (series.buckets.get(bound) ?? 0) + n);
    } else if (part === "count") series.count += n;
    else series.sum += n;
  }
  return into;
}

export async function scrapeHistograms(urls: readonly string[]): Promise<HistogramScrape> {
  const into: HistogramScrape = new Map();
  for (const url of urls) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) parseHistograms(await response.text(), into);
  }
  return into;
}

export interface StageLatency {
  series: string;
  stage: string;
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** What each series observed between two scrapes: count, mean and the p50 / p99 estimates. */
export function stageLatencies(before: HistogramScrape, after: HistogramScrape): StageLatency[] {
  const out: StageLatency[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    const count = a.count - (b?.count ?? 0);
    if (count <= 0) continue;
    const buckets = [...a.buckets.entries()].map(([le, n]) => [le, n - (b?.buckets.get(le) ?? 0)] as const).sort((x, y) => x[0] - y[0]);
    const metric = key.split("{")[0]!;
    out.push({
      series: key,
      stage: STAGES.find((s) => s.metric === metric)?.stage ?? metric,
      count,
      meanMs: round(((a.sum - (b?.sum ?? 0)) / count) * 1000),
      p50Ms: round(quantile(0.5, buckets) * 1000),
      p99Ms: round(quantile(0.99, buckets) * 1000),
    });
  }
  const order = (key: string) => STAGES.findIndex((s) => key.startsWith(s.metric));
  return out.sort((x, y) => order(x.series) - order(y.series) || x.series.localeCompare(y.series));
}

/** Prometheus's estimate: linear within the bucket holding the rank; the highest finite bound
 * when the rank falls in +Inf. */
export function quantile(q: number, buckets: readonly (readonly [number, number])[]): number {
  const total = buckets[buckets.length - 1]?.[1] ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of buckets) {
    if (cumulative >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + (le - lowerBound) * ((rank - lowerCount) / Math.max(1, cumulative - lowerCount));
    }
    lowerBound = le;
    lowerCount = cumulative;
  }
  return lowerBound;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
