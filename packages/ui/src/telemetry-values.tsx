/** One entry of telemetry.data in the IoTC output format. */
export interface TelemetryEntry {
  key: string;
  value: unknown;
  unit?: string;
  meaning?: string;
}

export function formatTelemetryValue(entry: TelemetryEntry): string {
  if (entry.unit !== undefined) return `${String(entry.value)} ${entry.unit}`.trim();
  return String(entry.value);
}

/** A device's decoded values, compact: "temperature 23.9 °C · contact open". */
export function TelemetryValues({ entries }: { entries: TelemetryEntry[] }) {
  if (entries.length === 0) return <span className="tw-muted">—</span>;
  return (
    <ul className="tw-values">
      {entries.map((entry) => (
        <li key={entry.key} title={entry.meaning}>
          <span className="tw-key">{entry.key}</span>
          <span className="tw-val" data-key={entry.key}>
            {formatTelemetryValue(entry)}
          </span>
        </li>
      ))}
    </ul>
  );
}
