"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, KeyValueList, PageHeader, StatCard } from "@tidewire/ui";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";
import { ConnectionResult } from "../connection-result";
import { KIND_FIELDS, KIND_LABELS } from "../target-fields";
import { TargetForm } from "../target-form";
import { STATUS_TONE } from "../targets-table";

export function TargetView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const target = useQuery(trpc.egress.get.queryOptions({ id }, { refetchInterval: 2000 }));
  const deadLetters = useQuery(trpc.egress.deadLetters.queryOptions({ id, take: 100 }, { refetchInterval: 10_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.egress.pathKey() });
  const test = useMutation(trpc.egress.test.mutationOptions());
  const setEnabled = useMutation(trpc.egress.setEnabled.mutationOptions({ onSuccess: () => void refresh() }));
  const replay = useMutation(trpc.egress.replay.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.egress.delete.mutationOptions({ onSuccess: async () => (await refresh(), router.push("/egress")) }));
  const [editing, setEditing] = useState(false);

  if (target.isLoading) return <div className="tw-empty">Loading…</div>;
  if (!target.data) {
    return (
      <div className="tw-alert tw-alert-bad">
        {errorText(target.error) || "Target not found"}. <Link href="/egress">Back to the targets</Link>
      </div>
    );
  }
  const t = target.data;
  // Settings in the form's order and words.
  const config = KIND_FIELDS[t.kind]
    .filter((f) => !f.secret && t.config[f.name] !== undefined && t.config[f.name] !== "")
    .map((f) => [f.label, t.config[f.name]] as const);
  return (
    <div className="tw-stack">
      <PageHeader
        title={t.name}
        description={
          <span className="tw-row" style={{ gap: 6 }}>
            {KIND_LABELS[t.kind]}
            <Badge tone={STATUS_TONE[t.status] ?? "neutral"}>{t.enabled ? t.status.toLowerCase() : "disabled"}</Badge>
          </span>
        }
        actions={
          canWrite ? (
            <div className="tw-row">
              <button type="button" className="tw-button tw-button-secondary" disabled={test.isPending} onClick={() => test.mutate({ id })}>
                {test.isPending ? "Testing…" : "Test connection"}
              </button>
              <button type="button" className="tw-button tw-button-secondary" onClick={() => setEnabled.mutate({ id, enabled: !t.enabled })}>
                {t.enabled ? "Disable" : "Enable"}
              </button>
              <button type="button" className="tw-button tw-button-secondary" onClick={() => setEditing((e) => !e)}>
                {editing ? "Close editing" : "Edit"}
              </button>
              <button
                type="button"
                className="tw-button tw-button-danger"
                onClick={() => {
                  if (window.confirm(`Delete ${t.name}? Messages stop going there at once.`)) remove.mutate({ id });
                }}
              >
                Delete
              </button>
            </div>
          ) : null
        }
      />
      {test.data ? (
        <div className={`tw-alert ${test.data.ok ? "tw-alert-ok" : "tw-alert-bad"}`} data-testid="connection-test">
          <ConnectionResult result={test.data} />
        </div>
      ) : null}
      {editing ? <TargetForm existing={t} onSaved={() => setEditing(false)} /> : null}
      <div className="tw-grid tw-grid-4">
        <StatCard label="Delivered" value={<span data-testid="delivered-count">{t.delivered.toLocaleString("en")}</span>} detail={t.lastSuccessAt ? `last ${formatRelativeTime(t.lastSuccessAt)}` : "nothing yet"} />
        <StatCard label="Failed attempts" value={t.failed.toLocaleString("en")} tone={t.failed ? "warn" : undefined} />
        <StatCard label="Retried" value={t.retried.toLocaleString("en")} />
        <StatCard label="Dead letters" value={(t.pendingDeadLetters ?? 0).toLocaleString("en")} detail={`${t.deadLettered.toLocaleString("en")} batches in total`} tone={t.pendingDeadLetters ? "bad" : undefined} />
      </div>
      {t.lastError ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          Last error {formatRelativeTime(t.lastErrorAt)}: {t.lastError}
        </div>
      ) : null}
      <div className="tw-grid tw-grid-2">
        <Card title="Settings">
          <KeyValueList
            items={[
              ...config.map(([k, v]) => [k, <span key={k} className="tw-mono">{String(v)}</span>] as [string, React.ReactNode]),
              ["Secrets", t.secretFields.length ? t.secretFields.map((s) => <Badge key={s} tone="info">{s}: set</Badge>) : "none"],
              [
                "Only",
                Object.entries(t.filters).filter(([, v]) => v?.length).length
                  ? Object.entries(t.filters)
                      .filter(([, v]) => v?.length)
                      .map(([k, v]) => `${k === "eeps" ? "EEPs" : k}: ${v!.join(", ")}`)
                      .join(" · ")
                  : "no filter: every message",
              ],
              ["Format", t.payloadFormat],
            ]}
          />
        </Card>
        <Card title="Dead letters">
          <p className="tw-hint" style={{ marginTop: 0 }}>
            Batches the target did not accept after every retry. Replaying puts them back on the target&apos;s queue, oldest first.
          </p>
          {replay.data ? (
            <div className="tw-alert tw-alert-ok">
              {replay.data.replayed} batch{replay.data.replayed === 1 ? "" : "es"} put back on the queue
              {replay.data.skipped.length ? `; ${replay.data.skipped.length} skipped` : ""}.
            </div>
          ) : null}
          {replay.error ? <div className="tw-alert tw-alert-bad">{errorText(replay.error)}</div> : null}
          {(deadLetters.data?.rows ?? []).length === 0 ? (
            <div className="tw-muted">None.</div>
          ) : (
            <>
              {canWrite ? (
                <button type="button" className="tw-button" disabled={replay.isPending} onClick={() => replay.mutate({ id })}>
                  Replay all {deadLetters.data?.total}
                </button>
              ) : null}
              <table className="tw-table" aria-label="Dead letters" style={{ marginTop: 10 }}>
                <tbody>
                  {deadLetters.data!.rows.map((d) => (
                    <tr key={d.id}>
                      <td className="tw-nowrap">{formatRelativeTime(d.createdAt)}</td>
                      <td>
                        {d.messages} message{d.messages === 1 ? "" : "s"} · {d.devices.join(", ")}
                        <div className="tw-hint">
                          {d.error} (after {d.attempts} attempts)
                        </div>
                      </td>
                      <td>
                        {canWrite ? (
                          <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => replay.mutate({ id, ids: [d.id] })}>
                            Replay
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
