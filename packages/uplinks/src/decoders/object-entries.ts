import type { TelemetryEntry } from "@tidewire/decoder";

// Units for the key names payload formatters commonly use; anything else goes out without one.
const UNITS: [RegExp, string][] = [
  [/(^|_)(temperature|temp)(_|$)/i, "°C"],
  [/(^|_)(humidity|relative_humidity|rh)(_|$)/i, "%"],
  [/(^|_)co2(_|$)/i, "ppm"],
  [/(^|_)(pressure|barometric_pressure|barometer)(_|$)/i, "hPa"],
  [/(^|_)(illuminance|lux)(_|$)/i, "lx"],
  [/(^|_)(voltage|battery_voltage|vbat)(_|$)/i, "V"],
];

const MAX_ENTRIES = 200;

function unitOf(key: string): string | undefined {
  return UNITS.find(([pattern]) => pattern.test(key))?.[1];
}

/** Turns a decoded JSON object (TTS `decoded_payload`, a small device's `data`) into
 * telemetry entries: numbers, strings and booleans under their key, nested objects and arrays
 * flattened with dots (`accelerometer.x`, `values.0`), nulls left out. */
export function objectEntries(value: Record<string, unknown>): TelemetryEntry[] {
  const entries: TelemetryEntry[] = [];
  const walk = (node: unknown, key: string, depth: number) => {
    if (entries.length >= MAX_ENTRIES) return;
    if (typeof node === "number") {
      if (Number.isFinite(node)) {
        const unit = unitOf(key.split(".").pop() ?? key);
        entries.push({ key, value: node, ...(unit ? { unit } : {}) });
      }
    } else if (typeof node === "string" || typeof node === "boolean") {
      entries.push({ key, value: node });
    } else if (node !== null && typeof node === "object" && depth < 4) {
      for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k, depth + 1);
    }
  };
  walk(value, "", 0);
  return entries;
}
