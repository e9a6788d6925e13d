"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, TelemetryValues, type TelemetryEntry } from "@tidewire/ui";
import { useTRPC } from "@/trpc/client";

/** The last telegrams with their raw data and every gateway that heard them. */
export function DeviceTelegrams({ eurid, refreshKey }: { eurid: string; refreshKey: number }) {
  const trpc = useTRPC();
  const telegrams = useQuery(trpc.devices.telegrams.queryOptions({ sourceEurid: eurid, take: 20 }, { staleTime: 0 }));
  const rows = telegrams.data ?? [];
  return (
    <Card title="Last telegrams">
      {rows.length === 0 ? (
        <div className="tw-muted">No telegram received yet.</div>
      ) : (
        <div className="tw-table-wrap">
          <table className="tw-table" aria-label="Last telegrams" data-refresh={refreshKey}>
            <thead>
              <tr>
                <th>Received</th>
                <th>Values</th>
                <th>Raw data</th>
                <th>Heard by</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.telegramId} data-telegram={t.telegramId}>
                  <td className="tw-nowrap">{new Date(t.time).toLocaleString("en-GB")}</td>
                  <td>
                    {t.signal.length ? <Badge tone="info">signal</Badge> : null}
                    <TelemetryValues entries={[...(t.data as unknown as TelemetryEntry[]), ...(t.signal as unknown as TelemetryEntry[])]} />
                  </td>
                  <td className="tw-mono">{t.rawData || "—"}</td>
                  <td>
                    <ul className="receptions">
                      {t.receptions.map((r, i) => (
                        <li key={`${r.gateway}-${i}`}>
                          <span className="tw-mono">{r.gateway}</span> {r.rssi !== null ? `-${r.rssi} dBm` : ""}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
