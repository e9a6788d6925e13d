"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, ProgressBar } from "@tidewire/ui";
import Link from "next/link";
import { useState, type ChangeEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

const CHUNK_ROWS = 500;
const CSV_EXAMPLE = `sourceEurid,eep,friendlyId,location,tags,active,expectedIntervalSec,aesKey,slf
051b03c9,A5-09-09,CO2 lab,Level 2 / Lab,air;lab,true,600,,
a1b2c3d4,D2-14-41,Multisensor 7,Roof,,true,,3a0c1b30b0a822a17a28fd01d77abdae,f3`;

type Preview = NonNullable<ReturnType<typeof usePreview>["data"]>;
function usePreview() {
  const trpc = useTRPC();
  return useMutation(trpc.deviceImport.preview.mutationOptions());
}

/** Looks at the content, not the file name: JSON is an IoTC backup, anything else CSV. */
const formatOf = (content: string) => (/^\s*[[{]/.test(content) ? ("iotc-backup" as const) : ("csv" as const));

export function DeviceImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = usePreview();
  const write = useMutation(trpc.deviceImport.write.mutationOptions());
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; created: number; updated: number; skipped: number } | null>(null);
  const [finished, setFinished] = useState(false);
  const [writeError, setWriteError] = useState<string | null>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setContent(await file.text());
    preview.reset();
    setProgress(null);
    setFinished(false);
  }

  function dryRun() {
    setProgress(null);
    setFinished(false);
    setWriteError(null);
    preview.mutate({ format: formatOf(content), content });
  }

  /** Writes the checked file in chunks, one request each, so a large file shows its progress. */
  async function runImport(result: Preview, skipInvalid: boolean) {
    setWriteError(null);
    const total = result.summary.total;
    let state = { done: 0, total, created: 0, updated: 0, skipped: 0 };
    setProgress(state);
    try {
      for (let from = 0; from < total; from += CHUNK_ROWS) {
        const chunk = await write.mutateAsync({ importId: result.importId, from, to: Math.min(total, from + CHUNK_ROWS), skipInvalid });
        state = {
          done: Math.min(total, from + CHUNK_ROWS),
          total,
          created: state.created + chunk.created,
          updated: state.updated + chunk.updated,
          skipped: state.skipped + chunk.skipped,
        };
        setProgress(state);
      }
      setFinished(true);
      await queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() });
    } catch (error) {
      setWriteError(errorText(error));
    }
  }

  const result = preview.data;
  const writing = progress !== null && !finished && !writeError;
  return (
    <div className="tw-stack">
      <Card title="1. The file">
        <div className="tw-row" style={{ marginBottom: 10 }}>
          <input type="file" accept=".csv,.txt,.json,text/csv,application/json" aria-label="Import file" onChange={onFile} />
          {fileName ? <span className="tw-hint">{fileName}</span> : null}
        </div>
        <div className="tw-field">
          <label htmlFor="import-content">…or paste it</label>
          <textarea
            id="import-content"
            rows={8}
            className="tw-mono"
            placeholder={CSV_EXAMPLE}
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              preview.reset();
              setProgress(null);
              setFinished(false);
            }}
          />
          <span className="tw-hint">
            CSV needs a header with at least <code>sourceEurid</code> and <code>eep</code>; optional <code>friendlyId, location, tags</code> (separated by ;),{" "}
            <code>active, expectedIntervalSec, destinationEurid, aesKey, slf, isPTM</code>. JSON is read as an IoTC backup (<code>GET /backup</code>).
          </span>
        </div>
        <button type="button" className="tw-button" onClick={dryRun} disabled={!content.trim() || preview.isPending || writing}>
          {preview.isPending ? "Checking…" : "Check file (dry run)"}
        </button>
      </Card>

      {preview.error ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          The file cannot be read: {errorText(preview.error)}
        </div>
      ) : null}

      {result ? (
        <Card title="2. Dry run">
          <div className="tw-row" data-testid="dry-run-summary" style={{ marginBottom: 10 }}>
            <strong>{result.summary.total} rows:</strong>
            <Badge tone="ok">{result.summary.create} new</Badge>
            <Badge tone="info">{result.summary.update} to update</Badge>
            <Badge tone={result.summary.invalid ? "bad" : "neutral"}>{result.summary.invalid} with problems</Badge>
          </div>
          {result.notes.map((n) => (
            <div key={n} className="tw-alert tw-alert-info">
              {n}
            </div>
          ))}
          {result.license.overLimit > 0 ? (
            <div className="tw-alert tw-alert-warn" role="alert">
              After this import the tenant has {result.license.devicesAfterImport} devices; the license allows {result.license.maxDevices}. The{" "}
              {result.license.overLimit} onboarded last will not be processed until the license grows.
            </div>
          ) : null}
          {result.summary.invalid > 0 ? (
            <div className="tw-alert tw-alert-bad" role="alert" data-testid="dry-run-problems">
              {result.summary.invalid} row{result.summary.invalid === 1 ? " has" : "s have"} problems (listed below). Nothing was written. Fix the file and check it
              again, or import only the {result.summary.valid} good rows.
            </div>
          ) : (
            <div className="tw-alert tw-alert-ok" role="status">
              Every row is fine. Nothing is written until you import.
            </div>
          )}
          <div className="tw-table-wrap" style={{ maxHeight: 420, overflowY: "auto" }}>
            <table className="tw-table" aria-label="Dry run">
              <thead>
                <tr>
                  <th>{result.rows[0]?.line !== null ? "Line" : "#"}</th>
                  <th>EURID</th>
                  <th>Will</th>
                  <th>Device</th>
                  <th>Problems</th>
                </tr>
              </thead>
              <tbody>
                {/* Rows with problems first: they are what needs attention. */}
                {[...result.rows]
                  .sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0) || a.index - b.index)
                  .slice(0, 1000)
                  .map((row) => (
                    <tr key={row.index} className={row.problems.length ? "tw-row-bad" : undefined} data-line={row.line ?? row.index + 1} data-action={row.action}>
                      <td>{row.line ?? row.index + 1}</td>
                      <td className="tw-mono">{row.sourceEurid ?? "—"}</td>
                      <td>{row.action === "invalid" ? <Badge tone="bad">skip</Badge> : <Badge tone={row.action === "create" ? "ok" : "info"}>{row.action}</Badge>}</td>
                      <td>
                        {row.device ? (
                          <>
                            {row.device.friendlyId || "—"} <span className="tw-mono tw-hint">{row.device.eep}</span>
                            {row.device.secured ? <Badge tone="info">secured</Badge> : null}
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        {row.problems.map((p) => (
                          <div key={p} className="tw-error" style={{ color: "var(--tw-bad)" }}>
                            {p}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {result.rows.length > 1000 ? <p className="tw-hint">The first 1,000 rows are shown (problems first).</p> : null}
          <div className="tw-row" style={{ marginTop: 12 }}>
            <button
              type="button"
              className="tw-button"
              disabled={result.summary.invalid > 0 || writing || finished || result.summary.valid === 0}
              onClick={() => void runImport(result, false)}
            >
              Import {result.summary.valid} device{result.summary.valid === 1 ? "" : "s"}
            </button>
            {result.summary.invalid > 0 && result.summary.valid > 0 ? (
              <button type="button" className="tw-button tw-button-secondary" disabled={writing || finished} onClick={() => void runImport(result, true)}>
                Import the {result.summary.valid} good rows, skip {result.summary.invalid}
              </button>
            ) : null}
          </div>
        </Card>
      ) : null}

      {progress ? (
        <Card title="3. Import">
          <ProgressBar done={progress.done} total={progress.total} label="Rows written" />
          {writeError ? (
            <div className="tw-alert tw-alert-bad" role="alert">
              The import stopped: {writeError}. Rows before {progress.done + 1} were written.
            </div>
          ) : null}
          {finished ? (
            <div className="tw-alert tw-alert-ok" role="status" data-testid="import-done">
              Done: {progress.created} onboarded, {progress.updated} updated{progress.skipped ? `, ${progress.skipped} skipped` : ""}.{" "}
              <Link href="/devices">See the devices</Link>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
