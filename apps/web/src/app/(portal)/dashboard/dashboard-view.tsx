"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, StatCard } from "@tidewire/ui";
import Link from "next/link";
import { useMemo } from "react";
import { AlarmList } from "@/components/alarm-list";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { errorText } from "@/components/error-text";
import { LicenseUsageView } from "@/components/license-usage";
import { useLiveStream } from "@/components/use-live-events";
import { useTRPC } from "@/trpc/client";

const HEALTH_LABELS: [keyof HealthCounts, string, string][] = [
  ["healthy", "Healthy", "#1aa350"],
  ["alarm", "With an alarm", "#d98b00"],
  ["neverSeen", "Never heard", "#8a97a6"],
  ["inactive", "Inactive", "#b5c0cc"],
  ["unlicensed", "Over the license", "#b42318"],
];
type HealthCounts = { healthy: number; alarm: number; neverSeen: number; inactive: number; unlicensed: number };

export function DashboardView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.dashboard.summary.queryOptions(undefined, { refetchInterval: 15_000 }));
  const perMinute = useQuery(trpc.dashboard.telegramsPerMinute.queryOptions({ hours: 24 }, { refetchInterval: 60_000 }));
  useLiveStream("alarms", () => void queryClient.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() }));

  const traffic = useMemo(() => {
    const to = Math.floor(Date.now() / 60_000) * 60;
    const from = to - 24 * 3600;
    const counts = new Map((perMinute.data ?? []).map((p) => [p.t, p.count]));
    const points = [];
    for (let t = from; t <= to; t += 60) points.push({ t, value: counts.get(t) ?? 0 });
    const total = (perMinute.data ?? []).reduce((n, p) => n + p.count, 0);
    return { from, to, points, total };
  }, [perMinute.data]);

  if (summary.isLoading) return <div className="tw-empty">Loading…</div>;
  if (summary.error || !summary.data) return <div className="tw-alert tw-alert-bad">Could not load the dashboard: {errorText(summary.error)}</div>;
  const { counts, devicesByHealth, failingTargets, alarms, usage } = summary.data;
  const healthTotal = Object.values(devicesByHealth).reduce((a, b) => a + b, 0);

  return (
    <div className="tw-stack">
      <div className="tw-grid tw-grid-4">
        <StatCard
          label="Devices"
          value={<Link href="/devices">{counts.devices.toLocaleString("en")}</Link>}
          detail={`of ${usage.limits.maxDevices.toLocaleString("en")} licensed`}
          tone={usage.devices.unlicensed > 0 ? "bad" : undefined}
          testId="stat-devices"
        />
        <StatCard label="Gateways" value={<Link href="/gateways">{counts.connectedGateways}/{counts.gateways}</Link>} detail="connected" />
        <StatCard
          label="Egress targets"
          value={<Link href="/egress">{counts.targets}</Link>}
          detail={failingTargets.length ? `${failingTargets.length} failing` : "none failing"}
          tone={failingTargets.length ? "bad" : undefined}
        />
        <StatCard label="Open alarms" value={<Link href="/alarms">{counts.openAlarms}</Link>} tone={counts.openAlarms ? "warn" : "ok"} testId="stat-alarms" />
        <StatCard label="Telegrams, last 24 h" value={traffic.total.toLocaleString("en")} detail={`${usage.messagesToday.toLocaleString("en")} messages today`} />
      </div>

      <Card title="Telegrams per minute, last 24 hours">
        <TimeSeriesChart label="telegrams per minute" points={traffic.points} from={traffic.from} to={traffic.to} kind="area" height={180} />
      </Card>

      <div className="tw-grid tw-grid-2">
        <Card title="Devices by health">
          {healthTotal === 0 ? (
            <div className="tw-muted">
              No devices yet. <Link href="/devices/new">Onboard one</Link>.
            </div>
          ) : (
            <div data-testid="devices-by-health">
              <div className="health-bar" aria-hidden="true">
                {HEALTH_LABELS.map(([key, , color]) =>
                  devicesByHealth[key] ? <span key={key} style={{ flex: devicesByHealth[key], background: color }} /> : null,
                )}
              </div>
              <ul className="health-legend">
                {HEALTH_LABELS.map(([key, label, color]) => (
                  <li key={key} data-health={key}>
                    <i style={{ background: color }} /> {label} <strong>{devicesByHealth[key]}</strong>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
        <Card title="License">
          <LicenseUsageView usage={usage} />
        </Card>
      </div>

      <div className="tw-grid tw-grid-2">
        <Card title="Open alarms">
          <AlarmList alarms={alarms} empty="No open alarms: every device is reporting as expected." />
        </Card>
        <Card title="Failing egress targets">
          {failingTargets.length === 0 ? (
            <div className="tw-muted">Every target is delivering.</div>
          ) : (
            <ul className="failing-targets">
              {failingTargets.map((t) => (
                <li key={t.id}>
                  <Link href={`/egress/${t.id}`}>{t.name}</Link> <span className="tw-hint">({t.kind})</span>
                  <div className="tw-hint">{t.lastError}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
