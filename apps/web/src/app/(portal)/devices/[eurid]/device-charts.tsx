"use client";
import { useQuery } from "@tanstack/react-query";
import { Segmented } from "@tidewire/ui";
import { useMemo } from "react";
import { TimeSeriesChart, type SeriesPoint } from "@/components/charts/time-series-chart";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

export const RANGES = [
  { value: "1h", label: "1 hour", seconds: 3600 },
  { value: "24h", label: "24 hours", seconds: 86_400 },
  { value: "7d", label: "7 days", seconds: 7 * 86_400 },
  { value: "30d", label: "30 days", seconds: 30 * 86_400 },
] as const;
export type RangeValue = (typeof RANGES)[number]["value"];

/** Live points received since the chart was loaded, per key (appended to the history). */
export type LivePoints = Record<string, SeriesPoint[]>;

/** A chart per measured value of the device over the chosen range; values that arrive live are
 * added to the right end. */
export function DeviceCharts({
  eurid,
  range,
  onRange,
  units,
  live,
  loadedAt,
}: {
  eurid: string;
  range: RangeValue;
  onRange: (r: RangeValue) => void;
  units: Record<string, string | undefined>;
  live: LivePoints;
  loadedAt: number;
}) {
  const trpc = useTRPC();
  const seconds = RANGES.find((r) => r.value === range)!.seconds;
  const from = new Date(loadedAt - seconds * 1000).toISOString();
  const series = useQuery(trpc.devices.telemetry.queryOptions({ sourceEurid: eurid, from, to: new Date(loadedAt).toISOString(), maxPoints: 300 }));
  const now = Date.now() / 1000;
  const charts = useMemo(() => {
    const keys = new Set([...Object.keys(series.data?.series ?? {}), ...Object.keys(live)]);
    return [...keys]
      .filter((k) => !k.startsWith("signal.") && !k.startsWith("meta."))
      .sort()
      .map((key) => {
        const history = (series.data?.series[key] ?? []).map((b) => ({ t: b.t, value: b.avg, min: b.min, max: b.max }));
        const points = [...history, ...(live[key] ?? [])];
        return { key, points, latest: points.at(-1)?.value };
      });
  }, [series.data, live]);

  return (
    <section aria-label="Charts">
      <div className="tw-row" style={{ justifyContent: "space-between", marginBottom: 10 }}>
        <h2 className="tw-section-title" style={{ margin: 0 }}>
          Values over time
        </h2>
        <Segmented label="Time range" options={RANGES.map((r) => ({ value: r.value, label: r.label }))} value={range} onChange={onRange} />
      </div>
      {series.error ? <div className="tw-alert tw-alert-bad">Could not load the history: {errorText(series.error)}</div> : null}
      {series.isLoading ? <div className="tw-empty">Loading the history…</div> : null}
      {!series.isLoading && charts.length === 0 ? <div className="tw-empty">No measured values in this time range yet.</div> : null}
      <div className="tw-grid tw-grid-2">
        {charts.map((c) => (
          <div key={c.key} className="tw-card chart-card" data-chart={c.key}>
            <h3>
              <span>{c.key}</span>
              <span className="now">{c.latest !== undefined ? `${Number(c.latest.toFixed(2))}${units[c.key] ? ` ${units[c.key]}` : ""}` : ""}</span>
            </h3>
            <TimeSeriesChart label={c.key} unit={units[c.key]} points={c.points} from={now - seconds} to={now} />
          </div>
        ))}
      </div>
      {series.data ? <p className="tw-hint">Averages per {formatBucket(series.data.bucketSeconds)}.</p> : null}
    </section>
  );
}

function formatBucket(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  if (seconds < 86_400) return `${seconds / 3600} h`;
  return `${seconds / 86_400} d`;
}
