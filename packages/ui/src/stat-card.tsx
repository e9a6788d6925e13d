import type { ReactNode } from "react";

/** A headline number with its label and, optionally, what it is measured against. */
export function StatCard({ label, value, detail, tone, testId }: { label: string; value: ReactNode; detail?: ReactNode; tone?: "ok" | "warn" | "bad"; testId?: string }) {
  return (
    <div className={`tw-stat${tone ? ` tw-stat-${tone}` : ""}`} data-testid={testId}>
      <div className="tw-stat-label">{label}</div>
      <div className="tw-stat-value">{value}</div>
      {detail ? <div className="tw-stat-detail">{detail}</div> : null}
    </div>
  );
}
