"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime } from "@tidewire/ui";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

/** A target's dead letters: batches it did not accept; replayed oldest first (before newer
 * messages of their devices), or purged for good. */
export function DeadLettersCard({ id, canWrite, enabled }: { id: string; canWrite: boolean; enabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deadLetters = useQuery(trpc.egress.deadLetters.queryOptions({ id, take: 100 }, { refetchInterval: 5000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.egress.pathKey() });
  const replay = useMutation(trpc.egress.replay.mutationOptions({ onSuccess: () => void refresh() }));
  const purge = useMutation(trpc.egress.purge.mutationOptions({ onSuccess: () => void refresh() }));
  const rows = deadLetters.data?.rows ?? [];
  const total = deadLetters.data?.total ?? 0;
  return (
    <Card title="Dead letters">
      <p className="tw-hint" style={{ marginTop: 0 }}>
        Batches the target did not accept in time. While a device has dead letters its newer messages wait behind them, so nothing arrives out of order. Replay
        delivers them again, oldest first; purge deletes them for good.
      </p>
      {replay.data ? (
        <div className="tw-alert tw-alert-ok" role="status">
          Replay requested for {replay.data.requested} dead letter{replay.data.requested === 1 ? "" : "s"}; each leaves this list once delivered.
        </div>
      ) : null}
      {purge.data ? (
        <div className="tw-alert tw-alert-ok" role="status">
          {purge.data.purged} dead letter{purge.data.purged === 1 ? "" : "s"} deleted.
        </div>
      ) : null}
      {replay.error || purge.error ? <div className="tw-alert tw-alert-bad">{errorText(replay.error ?? purge.error)}</div> : null}
      {rows.length === 0 ? (
        <div className="tw-muted" data-testid="no-dead-letters">
          None.
        </div>
      ) : (
        <>
          {canWrite ? (
            <div className="tw-row">
              <button type="button" className="tw-button" disabled={replay.isPending || !enabled} title={enabled ? undefined : "enable the target first"} onClick={() => replay.mutate({ id })}>
                Replay all {total}
              </button>
              <button
                type="button"
                className="tw-button tw-button-danger"
                disabled={purge.isPending}
                onClick={() => {
                  if (window.confirm(`Delete all ${total} dead letters of this target for good?`)) purge.mutate({ id });
                }}
              >
                Purge all
              </button>
            </div>
          ) : null}
          <table className="tw-table" aria-label="Dead letters" style={{ marginTop: 10 }}>
            <thead>
              <tr>
                <th>When</th>
                <th>Messages</th>
                <th>Why</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-dead-letter={d.id}>
                  <td className="tw-nowrap">{formatRelativeTime(d.createdAt)}</td>
                  <td>
                    {d.messages} message{d.messages === 1 ? "" : "s"}
                    <div className="tw-hint tw-mono">{d.devices.join(", ")}</div>
                  </td>
                  <td>
                    <Badge tone={d.reason === "OVERFLOW" ? "warn" : "bad"}>{d.reason.toLowerCase().replace("_", " ")}</Badge>
                    <div className="tw-hint">
                      {d.error} (after {d.attempts} attempt{d.attempts === 1 ? "" : "s"})
                    </div>
                  </td>
                  <td className="tw-nowrap">
                    {canWrite ? (
                      <>
                        <button type="button" className="tw-button tw-button-secondary tw-button-small" disabled={!enabled} onClick={() => replay.mutate({ id, ids: [d.id] })}>
                          Replay
                        </button>{" "}
                        <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => purge.mutate({ id, ids: [d.id] })}>
                          Purge
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
