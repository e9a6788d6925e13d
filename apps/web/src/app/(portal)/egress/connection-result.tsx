"use client";
import { Badge } from "@tidewire/ui";

/** The outcome of "test connection": what worked, or the step that failed and why. */
export function ConnectionResult({ result }: { result: { ok: boolean; stage?: string | undefined; message: string; durationMs: number } }) {
  return (
    <span className="connection-result" data-ok={result.ok} data-stage={result.stage ?? ""} role="status">
      {result.ok ? <Badge tone="ok">connected</Badge> : <Badge tone="bad">failed at {result.stage}</Badge>} <span>{result.message}</span>{" "}
      <span className="tw-hint">({result.durationMs} ms)</span>
    </span>
  );
}
