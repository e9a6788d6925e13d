"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, KeyValueList, PageHeader, StatCard } from "@tidewire/ui";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";
import { ConnectionResult } from "../connection-result";
import { KIND_LABELS, valuesOf, visibleFields, type FieldSpec } from "../target-fields";
import { TargetForm } from "../target-form";
import { STATUS_TONE } from "../targets-table";
import { ConnectorCard } from "./connector-card";
import { DeadLettersCard } from "./dead-letters-card";

const count = (n: number | undefined) => (n ?? 0).toLocaleString("en");

function settingText(field: FieldSpec, v: unknown): string {
  if (field.options) return field.options.find((o) => o.value === String(v))?.label ?? String(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.join(", ");
  if (v && typeof v === "object")
    return Object.entries(v)
      .map(([k, p]) => `${k} → ${String(p)}`)
      .join(", ");
  return String(v);
}

export function TargetView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const target = useQuery(trpc.egress.get.queryOptions({ id }, { refetchInterval: 2000 }));
  const status = useQuery(trpc.egress.status.queryOptions({ id }, { refetchInterval: 2000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.egress.pathKey() });
  const test = useMutation(trpc.egress.test.mutationOptions({ onSettled: () => void refresh() }));
  const setEnabled = useMutation(trpc.egress.setEnabled.mutationOptions({ onSuccess: () => void refresh() }));
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
  const s = status.data;
  const counters = s?.counters ?? { delivered: t.delivered, failed: t.failed, retried: t.retried, deadLettered: t.deadLettered, overflowed: t.overflowed };
  // Settings in the form's order and words; fields the target's choices hide are left out.
  const settings = visibleFields(t.kind, valuesOf(t.kind, t.config, t.secretFields))
    .filter((f) => !f.secret && !f.formOnly && t.config[f.name] !== undefined && t.config[f.name] !== "" && !(typeof t.config[f.name] === "object" && !Object.keys(t.config[f.name] as object).length))
    .map((f) => [f.label, <span key={f.name} className={f.options || f.type === "boolean" ? undefined : "tw-mono"}>{settingText(f, t.config[f.name])}</span>] as [string, ReactNode]);
  const filters = Object.entries(t.filters).filter(([, v]) => v?.length);
  return (
    <div className="tw-stack">
      <PageHeader
        title={t.name}
        description={
          <span className="tw-row" style={{ gap: 6 }}>
            {KIND_LABELS[t.kind]}
            <Badge tone={STATUS_TONE[t.status] ?? "neutral"}>
              <span data-testid="target-status">{t.enabled ? t.status.toLowerCase() : "disabled"}</span>
            </Badge>
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
                  if (window.confirm(`Delete ${t.name}? Messages stop going there at once, and its dead letters are deleted.`)) remove.mutate({ id });
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
      {test.error ? <div className="tw-alert tw-alert-bad">{errorText(test.error)}</div> : null}
      {editing ? <TargetForm existing={t} onSaved={() => setEditing(false)} /> : null}
      <div className="tw-grid tw-grid-4" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))" }}>
        <StatCard
          label="Delivered"
          value={<span data-testid="delivered-count">{count(counters.delivered)}</span>}
          detail={t.lastSuccessAt ? `last ${formatRelativeTime(t.lastSuccessAt)}` : "nothing yet"}
          tone={counters.delivered ? "ok" : undefined}
        />
        <StatCard label="Failed attempts" value={<span data-testid="failed-count">{count(counters.failed)}</span>} tone={counters.failed ? "warn" : undefined} />
        <StatCard label="Retried" value={<span data-testid="retried-count">{count(counters.retried)}</span>} />
        <StatCard
          label="Dead-lettered"
          value={<span data-testid="dead-lettered-count">{count(counters.deadLettered)}</span>}
          detail={`${count(s?.deadLetters ?? t.pendingDeadLetters)} waiting${counters.overflowed ? `, ${count(counters.overflowed)} by overflow` : ""}`}
          tone={(s?.deadLetters ?? t.pendingDeadLetters) ? "bad" : undefined}
        />
        <StatCard label="Backlog" value={<span data-testid="backlog-count">{count(s?.backlog ?? t.backlog)}</span>} detail="batches queued now" tone={(s?.backlog ?? 0) > 100 ? "warn" : undefined} />
      </div>
      {t.lastError ? (
        <div className={`tw-alert ${t.status === "HEALTHY" ? "tw-alert-warn" : "tw-alert-bad"}`} role="alert" data-testid="last-error">
          Last error {formatRelativeTime(t.lastErrorAt)}: {t.lastError}
          {t.status === "HEALTHY" && t.lastSuccessAt ? ` — delivering again since ${formatRelativeTime(t.lastSuccessAt)}` : ""}
        </div>
      ) : null}
      <ConnectorCard target={t} canWrite={canWrite} />
      <div className="tw-grid tw-grid-2">
        <Card title="Settings">
          <KeyValueList
            items={[
              ...settings,
              ["Secrets", t.secretFields.length ? <span className="tw-row" style={{ gap: 4 }}>{t.secretFields.map((f) => <Badge key={f} tone="info">{f}: set</Badge>)}</span> : "none"],
              ["Only", filters.length ? filters.map(([k, v]) => `${k === "eeps" ? "EEPs" : k}: ${v!.join(", ")}`).join(" · ") : "no filter: every message"],
              ["Format", t.payloadFormat === "IOTC" ? "IoTC message" : "compact"],
            ]}
          />
        </Card>
        <DeadLettersCard id={id} canWrite={canWrite} enabled={t.enabled} />
      </div>
    </div>
  );
}
