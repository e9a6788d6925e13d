"use client";
import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SeriesPoint {
  /** Unix seconds */
  t: number;
  value: number;
  min?: number;
  max?: number;
}

const timeLabel = (spanSeconds: number) => (t: number) => {
  const d = new Date(t * 1000);
  if (spanSeconds > 2 * 86_400) return d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" });
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
};

/** One measured value over time (averages per bucket), or a count per minute as an area. */
export function TimeSeriesChart({
  points,
  unit,
  from,
  to,
  kind = "line",
  height = 160,
  label,
}: {
  points: SeriesPoint[];
  unit?: string;
  from: number;
  to: number;
  kind?: "line" | "area";
  height?: number;
  label: string;
}) {
  const format = timeLabel(to - from);
  const tooltip = (
    <Tooltip
      labelFormatter={(t) => new Date(Number(t) * 1000).toLocaleString("en-GB")}
      formatter={(v) => [`${typeof v === "number" ? Number(v.toFixed(2)) : String(v)}${unit ? ` ${unit}` : ""}`, label]}
    />
  );
  const axes = (
    <>
      <CartesianGrid stroke="#eef1f4" vertical={false} />
      <XAxis dataKey="t" type="number" domain={[from, to]} tickFormatter={format} tick={{ fontSize: 11 }} minTickGap={40} />
      <YAxis tick={{ fontSize: 11 }} width={48} domain={["auto", "auto"]} />
    </>
  );
  return (
    <div className="tw-chart" data-points={points.length} aria-label={`${label} chart`} role="img">
      <ResponsiveContainer width="100%" height={height}>
        {kind === "area" ? (
          <AreaChart data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            {axes}
            {tooltip}
            <Area type="stepAfter" dataKey="value" stroke="#0b6bcb" fill="#cfe2f6" isAnimationActive={false} />
          </AreaChart>
        ) : (
          <LineChart data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            {axes}
            {tooltip}
            <Line type="monotone" dataKey="value" stroke="#0b6bcb" strokeWidth={2} dot={points.length < 40} isAnimationActive={false} />
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
