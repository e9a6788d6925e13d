import type { AlarmKind } from "../generated/prisma/enums";

/** What the health rules look at for one device. */
export interface DeviceHealthSnapshot {
  deviceId: string;
  sourceEurid: string;
  friendlyId: string;
  active: boolean;
  licensed: boolean;
  expectedIntervalSec: number | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  /** newest energy level (%, signal telegrams) and when it was reported */
  energy: number | null;
  energyAt: Date | null;
  /** highest energy level reported in the day before the newest one */
  energyMaxDay: number | null;
  /** average RSSI magnitude (dBm below zero, as IoTC prints it) of the last telegrams */
  rssiAverage: number | null;
  rssiSamples: number;
}

export interface AlarmThresholds {
  /** silent when nothing arrived for this many expected intervals */
  silentIntervals: number;
  /** energy below this (%) raises, at or above `energyClear` clears */
  energyLow: number;
  energyClear: number;
  /** a drop of this many percentage points within a day raises */
  energyDrop: number;
  /** energy values older than this are not judged (the device stopped reporting it) */
  energyMaxAgeDays: number;
  /** average RSSI magnitude above this (weaker than -90 dBm) raises; at or below `rssiClear` clears */
  rssiWeak: number;
  rssiClear: number;
  /** judge the signal only with at least this many recent telegrams */
  rssiMinSamples: number;
}

export const DEFAULT_THRESHOLDS: AlarmThresholds = {
  silentIntervals: 2,
  energyLow: 20,
  energyClear: 25,
  energyDrop: 25,
  energyMaxAgeDays: 7,
  rssiWeak: 90,
  rssiClear: 85,
  rssiMinSamples: 3,
};

export interface AlarmCondition {
  kind: AlarmKind;
  message: string;
  details: Record<string, unknown>;
}

const label = (d: DeviceHealthSnapshot) => d.friendlyId || d.sourceEurid;

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** The conditions a device is in now. `open` says which alarms are already raised, so that a
 * value hovering at a threshold does not raise and clear an alarm on every evaluation: an open
 * alarm clears only past its clearing threshold. Inactive and unlicensed devices raise nothing. */
export function alarmConditions(
  d: DeviceHealthSnapshot,
  open: ReadonlySet<AlarmKind>,
  now: Date,
  t: AlarmThresholds = DEFAULT_THRESHOLDS,
): AlarmCondition[] {
  if (!d.active || !d.licensed) return [];
  const conditions: AlarmCondition[] = [];

  if (d.expectedIntervalSec) {
    const since = d.lastSeenAt ?? d.createdAt;
    const silentFor = (now.getTime() - since.getTime()) / 1000;
    if (silentFor > d.expectedIntervalSec * t.silentIntervals) {
      conditions.push({
        kind: "SILENT",
        message: d.lastSeenAt
          ? `${label(d)} has been silent for ${formatDuration(silentFor)} (expected every ${formatDuration(d.expectedIntervalSec)})`
          : `${label(d)} has not sent anything since it was onboarded ${formatDuration(silentFor)} ago (expected every ${formatDuration(d.expectedIntervalSec)})`,
        details: { lastSeenAt: d.lastSeenAt?.toISOString() ?? null, expectedIntervalSec: d.expectedIntervalSec, silentSeconds: Math.round(silentFor) },
      });
    }
  }

  const energyFresh = d.energy !== null && d.energyAt !== null && now.getTime() - d.energyAt.getTime() <= t.energyMaxAgeDays * 86_400_000;
  if (energyFresh && d.energy !== null) {
    const low = open.has("ENERGY_LOW") ? d.energy < t.energyClear : d.energy < t.energyLow;
    const drop = d.energyMaxDay !== null ? d.energyMaxDay - d.energy : 0;
    const falling = drop >= t.energyDrop;
    if (low || falling) {
      conditions.push({
        kind: "ENERGY_LOW",
        message: falling && !low
          ? `${label(d)}'s energy fell from ${d.energyMaxDay}% to ${d.energy}% within a day`
          : `${label(d)}'s energy is low: ${d.energy}%`,
        details: { energy: d.energy, energyMaxDay: d.energyMaxDay, reportedAt: d.energyAt?.toISOString() ?? null },
      });
    }
  }

  if (d.rssiAverage !== null && d.rssiSamples >= t.rssiMinSamples) {
    const weak = open.has("WEAK_SIGNAL") ? d.rssiAverage > t.rssiClear : d.rssiAverage > t.rssiWeak;
    if (weak) {
      const dbm = Math.round(d.rssiAverage);
      conditions.push({
        kind: "WEAK_SIGNAL",
        message: `${label(d)}'s signal is weak: -${dbm} dBm on average over its last ${d.rssiSamples} telegrams`,
        details: { rssiAverage: dbm, samples: d.rssiSamples },
      });
    }
  }
  return conditions;
}
