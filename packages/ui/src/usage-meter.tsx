/** Usage against a limit: a bar that turns amber near the limit and red past it, with the
 * numbers spelled out. */
export function UsageMeter({ label, used, limit, unit, testId }: { label: string; used: number; limit: number; unit?: string; testId?: string }) {
  const ratio = limit > 0 ? used / limit : used > 0 ? Infinity : 0;
  const tone = ratio > 1 ? "bad" : ratio >= 0.8 ? "warn" : "ok";
  return (
    <div className="tw-meter" data-testid={testId} data-tone={tone}>
      <div className="tw-meter-head">
        <span>{label}</span>
        <span className="tw-meter-numbers">
          <strong>{used.toLocaleString("en")}</strong> of {limit.toLocaleString("en")}
          {unit ? ` ${unit}` : ""}
        </span>
      </div>
      <div className="tw-meter-track" role="meter" aria-label={label} aria-valuenow={used} aria-valuemin={0} aria-valuemax={limit}>
        <div className={`tw-meter-fill tw-meter-${tone}`} style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
      </div>
    </div>
  );
}
