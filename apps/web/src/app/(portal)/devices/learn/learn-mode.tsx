"use client";
import type { TeachInEvent } from "@tidewire/config";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime } from "@tidewire/ui";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useLiveStream } from "@/components/use-live-events";
import { useTRPC } from "@/trpc/client";

const LEARN_MINUTES = 10;

interface Announced extends TeachInEvent {
  count: number;
}

export function LearnMode() {
  const [on, setOn] = useState(false);
  const [until, setUntil] = useState(0);
  const [announced, setAnnounced] = useState<Announced[]>([]);
  const [, tick] = useState(0);
  const state = useLiveStream<TeachInEvent>(
    "teach-in",
    (event) => {
      setAnnounced((list) => {
        const known = list.find((a) => a.sourceEurid === event.sourceEurid);
        const merged: Announced = { ...event, eep: event.eep ?? known?.eep, count: (known?.count ?? 0) + 1 };
        return [merged, ...list.filter((a) => a.sourceEurid !== event.sourceEurid)];
      });
    },
    on,
  );

  // Learn mode ends by itself, so a forgotten tab does not keep listening.
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => {
      tick((n) => n + 1);
      if (Date.now() > until) setOn(false);
    }, 1000);
    return () => clearInterval(t);
  }, [on, until]);

  const remaining = Math.max(0, Math.round((until - Date.now()) / 1000));
  return (
    <div className="tw-stack">
      <Card>
        <div className="tw-row" style={{ justifyContent: "space-between" }}>
          <div>
            {on ? (
              <>
                <span className="live-indicator" data-state={state === "open" ? "open" : "connecting"}>
                  {state === "open" ? "Listening for teach-in telegrams" : "Connecting…"}
                </span>{" "}
                <span className="tw-hint">
                  ends in {Math.floor(remaining / 60)}:{String(remaining % 60).padStart(2, "0")}
                </span>
              </>
            ) : (
              <span className="tw-muted">Learn mode is off.</span>
            )}
          </div>
          <button
            type="button"
            className={`tw-button${on ? " tw-button-secondary" : ""}`}
            onClick={() => {
              if (on) setOn(false);
              else {
                setUntil(Date.now() + LEARN_MINUTES * 60_000);
                setOn(true);
              }
            }}
          >
            {on ? "Stop learn mode" : `Start learn mode (${LEARN_MINUTES} min)`}
          </button>
        </div>
      </Card>
      <Card title={`Announced devices (${announced.length})`}>
        {announced.length === 0 ? (
          <div className="tw-muted">
            {on
              ? "Waiting… Press the sensor's LRN button. 4BS and UTE teach-in telegrams name their profile; for others, choose it when onboarding."
              : "Start learn mode, then press the sensor's teach-in button."}
          </div>
        ) : (
          <table className="tw-table" aria-label="Announced devices">
            <thead>
              <tr>
                <th>EURID</th>
                <th>Profile</th>
                <th>Manufacturer</th>
                <th>Heard</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {announced.map((a) => (
                <AnnouncedRow key={a.sourceEurid} device={a} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function AnnouncedRow({ device }: { device: Announced }) {
  const trpc = useTRPC();
  const onboarded = useQuery(trpc.devices.get.queryOptions({ sourceEurid: device.sourceEurid }, { retry: false }));
  const href = `/devices/new?eurid=${device.sourceEurid}${device.eep ? `&eep=${device.eep}` : ""}`;
  return (
    <tr data-eurid={device.sourceEurid}>
      <td className="tw-mono">{device.sourceEurid}</td>
      <td>
        {device.eep ? <span className="tw-mono">{device.eep}</span> : <span className="tw-hint">not announced</span>} <Badge>{device.teachInType}</Badge>
      </td>
      <td className="tw-mono">{device.manufacturerId ?? "—"}</td>
      <td className="tw-hint">
        {formatRelativeTime(device.seenAt)} by <span className="tw-mono">{device.gateway}</span>
        {device.rssi !== null ? ` at -${device.rssi} dBm` : ""}
        {device.count > 1 ? ` (${device.count}×)` : ""}
      </td>
      <td>
        {onboarded.data ? (
          <Link href={`/devices/${device.sourceEurid}`}>already onboarded</Link>
        ) : (
          <Link className="tw-button tw-button-small" href={href}>
            Onboard
          </Link>
        )}
      </td>
    </tr>
  );
}
