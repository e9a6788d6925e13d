"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, type BadgeTone } from "@tidewire/ui";
import Link from "next/link";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";
import { KIND_LABELS } from "./target-fields";

export const STATUS_TONE: Record<string, BadgeTone> = { HEALTHY: "ok", FAILING: "bad", UNKNOWN: "neutral", PAUSED: "warn", DISABLED: "neutral" };

export function TargetsTable() {
  const trpc = useTRPC();
  const { canWrite } = useAccess();
  const targets = useQuery(trpc.egress.list.queryOptions(undefined, { refetchInterval: 5000 }));
  return (
    <Card>
      <div className="tw-row" style={{ justifyContent: "flex-end", marginBottom: 10 }}>
        {canWrite ? (
          <Link className="tw-button" href="/egress/new">
            New target
          </Link>
        ) : null}
      </div>
      {targets.error ? <div className="tw-alert tw-alert-bad">{errorText(targets.error)}</div> : null}
      {targets.data && targets.data.length === 0 ? <div className="tw-empty">No egress targets: messages are decoded but go nowhere yet.</div> : null}
      {targets.data && targets.data.length > 0 ? (
        <table className="tw-table" aria-label="Egress targets">
          <thead>
            <tr>
              <th>Target</th>
              <th>Status</th>
              <th>Delivered</th>
              <th>Failed</th>
              <th>Backlog</th>
              <th>Dead letters</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {targets.data.map((t) => (
              <tr key={t.id} data-target={t.name}>
                <td>
                  <Link href={`/egress/${t.id}`}>
                    <strong>{t.name}</strong>
                  </Link>
                  <div className="tw-hint">{KIND_LABELS[t.kind]}</div>
                </td>
                <td>
                  <Badge tone={STATUS_TONE[t.status] ?? "neutral"}>{t.enabled ? t.status.toLowerCase() : "disabled"}</Badge>
                  <div className="tw-hint">{t.lastSuccessAt ? `delivered ${formatRelativeTime(t.lastSuccessAt)}` : "nothing delivered yet"}</div>
                </td>
                <td data-counter="delivered">{t.delivered.toLocaleString("en")}</td>
                <td>{t.failed.toLocaleString("en")}</td>
                <td>{t.backlog.toLocaleString("en")}</td>
                <td>{(t.pendingDeadLetters ?? 0).toLocaleString("en")}</td>
                <td className="tw-hint">{t.lastError ? `${t.lastError} (${formatRelativeTime(t.lastErrorAt)})` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
