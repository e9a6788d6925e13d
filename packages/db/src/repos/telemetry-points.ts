/** One number of a processed telegram, as the chart history keeps it. */
export interface TelemetryPointRow {
  deviceId: string;
  tenantId: string;
  time: Date;
  key: string;
  value: number;
}

/** Key under which the best reception's RSSI is charted (dBm magnitude, as IoTC prints it). */
export const RSSI_KEY = "meta.rssi";
/** Prefix of signal telegram values ("signal.energy"). */
export const SIGNAL_PREFIX = "signal.";

const entries = (value: unknown): { key?: unknown; value?: unknown }[] =>
  Array.isArray(value) ? (value as { key?: unknown; value?: unknown }[]) : [];

/** The numbers of one telemetry record: measured values under their key, signal values under
 * "signal.<key>", and the RSSI. Enumerations ("open", "pressed") are not charted. */
export function pointsOf(row: {
  tenantId: string;
  deviceId: string;
  time: Date;
  data: unknown;
  signal: unknown;
  rssi: number | null;
}): TelemetryPointRow[] {
  const points: TelemetryPointRow[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: unknown) => {
    if (typeof value !== "number" || !Number.isFinite(value) || seen.has(key)) return;
    seen.add(key);
    points.push({ deviceId: row.deviceId, tenantId: row.tenantId, time: row.time, key, value });
  };
  for (const e of entries(row.data)) if (typeof e.key === "string") add(e.key, e.value);
  for (const e of entries(row.signal)) if (typeof e.key === "string") add(SIGNAL_PREFIX + e.key, e.value);
  if (row.rssi !== null) add(RSSI_KEY, row.rssi);
  return points;
}
