"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Card } from "@tidewire/ui";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

export function AuditView() {
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.tenant.auditLog.infiniteQueryOptions(
      { take: 50 },
      {
        initialCursor: undefined as string | undefined,
        getNextPageParam: (page) => (page.length === 50 ? page.at(-1)!.id : undefined),
      },
    ),
  );
  const rows = log.data?.pages.flat() ?? [];
  return (
    <Card>
      {log.error ? <div className="tw-alert tw-alert-bad">{errorText(log.error)}</div> : null}
      {rows.length === 0 && !log.isLoading ? <div className="tw-muted">Nothing changed yet.</div> : null}
      {rows.length ? (
        <table className="tw-table" aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-action={r.action}>
                <td className="tw-nowrap">{new Date(r.createdAt).toLocaleString("en-GB")}</td>
                <td>{r.actor}</td>
                <td>
                  <code>{r.action}</code>
                  {r.entityId ? <div className="tw-hint tw-mono">{r.entityId}</div> : null}
                </td>
                <td className="audit-details">{JSON.stringify(r.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {log.hasNextPage ? (
        <button type="button" className="tw-button tw-button-secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Older
        </button>
      ) : null}
    </Card>
  );
}
