/** Progress of a long operation (bulk import): a bar and "3,000 of 10,000". */
export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="tw-progress" role="progressbar" aria-valuenow={done} aria-valuemin={0} aria-valuemax={total} aria-label={label ?? "Progress"}>
      <div className="tw-progress-track">
        <div className="tw-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="tw-progress-text">
        {label ? `${label}: ` : ""}
        {done.toLocaleString("en")} of {total.toLocaleString("en")} ({percent}%)
      </div>
    </div>
  );
}
