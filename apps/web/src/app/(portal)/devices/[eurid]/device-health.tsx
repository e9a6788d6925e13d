"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, KeyValueList } from "@tidewire/ui";
import { AlarmList, type AlarmItem } from "@/components/alarm-list";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useTRPC } from "@/trpc/client";

/** Is the device well: last heard against its expected interval, energy from its signal
 * telegrams, its signal strength over the last day, and its alarms. */
export function DeviceHealth({
  eurid,
  lastSeenAt,
  createdAt,
  expectedIntervalSec,
  lastRssi,
  alarms,
  loadedAt,
}: {
  eurid: string;
  lastSeenAt: string | null;
  createdAt: string;
  expectedIntervalSec: number | null;
  lastRssi: number | null;
  alarms: AlarmItem[];
  loadedAt: number;
}) {
  const trpc = useTRPC();
  const day = useQuery(
    trpc.devices.telemetry.queryOptions({ sourceEurid: eurid, from: new Date(loadedAt - 86_400_000).toISOString(), to: new Date(loadedAt).toISOString(), maxPoints: 96 }),
  );
  const month = useQuery(
    trpc.devices.telemetry.queryOptions({ sourceEurid: eurid, from: new Date(loadedAt - 30 * 86_400_000).toISOString(), to: new Date(loadedAt).toISOString(), maxPoints: 60 }),
  );
  // The same rule as the silence alarm: a device never heard counts from its onboarding.
  const silentFor = (Date.now() - Date.parse(lastSeenAt ?? createdAt)) / 1000;
  const late = expectedIntervalSec !== null && silentFor > 2 * expectedIntervalSec;
  const rssi = (day.data?.series["meta.rssi"] ?? []).map((b) => ({ t: b.t, value: -b.avg }));
  const energy = month.data?.series["signal.energy"] ?? [];
  const latestEnergy = energy.at(-1)?.avg;
  const now = loadedAt / 1000;
  return (
    <Card title="Health">
      <KeyValueList
        items={[
          [
            "Last seen",
            <span key="seen">
              {formatRelativeTime(lastSeenAt)}{" "}
              {expectedIntervalSec ? (
                <>
                  (expected every {expectedIntervalSec} s){" "}
                  {late ? <Badge tone="bad">late</Badge> : <Badge tone="ok">on time</Badge>}
                </>
              ) : (
                <span className="tw-hint">(no expected interval set)</span>
              )}
            </span>,
          ],
          ["Signal", lastRssi !== null ? `-${lastRssi} dBm (last telegram)` : "—"],
          ["Energy", latestEnergy !== undefined ? `${Math.round(latestEnergy)} % (signal telegrams)` : <span className="tw-hint">no energy reported (signal telegrams)</span>],
        ]}
      />
      {rssi.length ? (
        <div style={{ marginTop: 12 }}>
          <div className="tw-hint">RSSI over the last day (dBm)</div>
          <TimeSeriesChart label="RSSI" unit="dBm" points={rssi} from={now - 86_400} to={now} height={110} />
        </div>
      ) : null}
      {energy.length > 1 ? (
        <div style={{ marginTop: 12 }}>
          <div className="tw-hint">Energy over the last 30 days (%)</div>
          <TimeSeriesChart label="energy" unit="%" points={energy.map((b) => ({ t: b.t, value: b.avg }))} from={now - 30 * 86_400} to={now} height={110} />
        </div>
      ) : null}
      <h3 className="tw-section-title" style={{ marginTop: 14 }}>
        Alarms
      </h3>
      <AlarmList alarms={alarms} empty="No alarms." />
    </Card>
  );
}
