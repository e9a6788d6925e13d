"use client";
import { Badge, formatRelativeTime } from "@tidewire/ui";
import Link from "next/link";

export interface AlarmItem {
  id: string;
  kind: "SILENT" | "ENERGY_LOW" | "WEAK_SIGNAL";
  message: string;
  raisedAt: string;
  clearedAt: string | null;
  device?: { sourceEurid: string; friendlyId: string; location: string } | undefined;
}

export const ALARM_LABELS: Record<AlarmItem["kind"], string> = { SILENT: "silent", ENERGY_LOW: "energy", WEAK_SIGNAL: "weak signal" };

export function AlarmList({ alarms, empty = "No alarms." }: { alarms: AlarmItem[]; empty?: string }) {
  if (alarms.length === 0) return <div className="tw-muted">{empty}</div>;
  return (
    <table className="tw-table" aria-label="Alarms">
      <tbody>
        {alarms.map((a) => (
          <tr key={a.id} data-alarm={a.kind}>
            <td className="tw-nowrap">
              <Badge tone={a.clearedAt ? "neutral" : a.kind === "SILENT" ? "bad" : "warn"}>{ALARM_LABELS[a.kind]}</Badge>
            </td>
            <td>
              {a.message}
              {a.device ? (
                <div className="tw-hint">
                  <Link href={`/devices/${a.device.sourceEurid}`}>{a.device.friendlyId || a.device.sourceEurid}</Link>
                  {a.device.location ? ` · ${a.device.location}` : ""}
                </div>
              ) : null}
            </td>
            <td className="tw-nowrap tw-hint">{a.clearedAt ? `cleared ${formatRelativeTime(a.clearedAt)}` : `since ${formatRelativeTime(a.raisedAt)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
