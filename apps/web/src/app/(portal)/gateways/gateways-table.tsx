"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, type BadgeTone } from "@tidewire/ui";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

type UsbStick = { identifier: string; health: string; descriptor?: string };

/** The EnOcean sticks an access point's last health message listed. */
function sticksOf(detail: unknown): UsbStick[] {
  const usb = (detail as { usb?: unknown } | null)?.usb;
  return Array.isArray(usb) ? (usb as UsbStick[]).filter((u) => typeof u?.identifier === "string") : [];
}

const HEALTH_TONE: Record<string, BadgeTone> = { HEALTHY: "ok", DEGRADED: "warn", UNAVAILABLE: "bad", UNPLUGGED: "bad", UNKNOWN: "neutral" };

export function GatewaysTable() {
  const trpc = useTRPC();
  const gateways = useQuery(trpc.gateways.list.queryOptions(undefined, { refetchInterval: 10_000 }));
  return (
    <Card title="Gateways">
      {gateways.error ? <div className="tw-alert tw-alert-bad">{errorText(gateways.error)}</div> : null}
      {gateways.data && gateways.data.length === 0 ? (
        <div className="tw-muted">No gateway has connected yet. Give one the credentials below; it appears here when it connects.</div>
      ) : null}
      {gateways.data && gateways.data.length > 0 ? (
        <div className="tw-table-wrap">
          <table className="tw-table" aria-label="Gateways">
            <thead>
              <tr>
                <th>Gateway</th>
                <th>Status</th>
                <th>USB stick</th>
                <th>Telegrams</th>
                <th>Processed</th>
                <th>Not processed</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {gateways.data.map((g) => (
                <tr key={g.id} data-mac={g.mac}>
                  <td>
                    <strong className="tw-mono">{g.name || g.mac}</strong>
                    <div className="tw-hint">
                      {g.kind.toLowerCase()} · {g.hardwareDescriptor || "—"} {g.softwareVersion ? `· ${g.softwareVersion}` : ""}
                    </div>
                    {!g.licensed ? <Badge tone="bad">over the license: frames dropped</Badge> : null}
                  </td>
                  <td>
                    <Badge tone={g.connectionState === "CONNECTED" ? "ok" : "neutral"}>{g.connectionState.toLowerCase()}</Badge>
                    {g.kind === "ARUBA" || g.apHealth !== "UNKNOWN" ? <div className="tw-hint">AP {g.apHealth.toLowerCase()}</div> : null}
                  </td>
                  <td>
                    {g.kind !== "ARUBA" && g.usbHealth === "UNKNOWN" ? (
                      <span className="tw-hint">not reported by this gateway</span>
                    ) : (
                      <Badge tone={HEALTH_TONE[g.usbHealth] ?? "neutral"}>{g.usbHealth.toLowerCase()}</Badge>
                    )}
                    {sticksOf(g.healthDetail).map((u) => (
                      <div key={u.identifier} className="tw-hint tw-mono" title={u.identifier}>
                        {u.descriptor ?? u.identifier.slice(0, 24)}: {u.health}
                      </div>
                    ))}
                    {g.lastHealthAt ? <div className="tw-hint">reported {formatRelativeTime(g.lastHealthAt)}</div> : g.kind === "ARUBA" ? <div className="tw-hint">no health report yet</div> : null}
                  </td>
                  <td>{g.stats.totalTelegramCount.toLocaleString("en")}</td>
                  <td>{g.stats.successfullyProcessed.toLocaleString("en")}</td>
                  <td>
                    {g.stats.notProcessed.toLocaleString("en")}
                    {Object.entries(g.stats.notProcessedByReason).map(([r, n]) => (
                      <div key={r} className="tw-hint">
                        {r}: {n}
                      </div>
                    ))}
                  </td>
                  <td className="tw-nowrap">
                    {formatRelativeTime(g.lastSeenAt)}
                    {g.stats.lastSeenAt ? <div className="tw-hint">last telegram {formatRelativeTime(g.stats.lastSeenAt)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
