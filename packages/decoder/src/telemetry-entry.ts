/**
 * One entry of `telemetry.data`, `telemetry.signal` or a `telemetry.meta` list, in IoTC's shape:
 * `{key, value, unit}` for measured values, `{key, value, meaning}` for enumerations, `{key, value}`
 * for plain counts and identifiers.
 */
export interface TelemetryEntry {
  key: string;
  value: number | string | boolean;
  unit?: string;
  meaning?: string;
}
