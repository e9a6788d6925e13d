import type { Db } from "../client";
import type { AlarmKind } from "../generated/prisma/enums";
import { clearAlarm, deviceHealthSnapshots, openAlarms, raiseAlarm } from "../repos/alarms";
import { alarmConditions, DEFAULT_THRESHOLDS, type AlarmThresholds } from "./alarm-rules";

/** A change of an alarm, for notifications (MQTT, live view). */
export interface AlarmTransition {
  state: "raised" | "cleared";
  alarmId: string;
  tenantId: string;
  deviceId: string;
  sourceEurid: string;
  friendlyId: string;
  kind: AlarmKind;
  message: string;
  details: Record<string, unknown>;
  raisedAt: string;
  clearedAt: string | null;
}

/** Evaluates every device of a tenant and brings its alarms up to date: raises those whose
 * condition started, clears those whose condition ended. Safe to run from several processes
 * (a condition has at most one open alarm). Answers what changed. */
export async function evaluateTenantAlarms(
  db: Db,
  tenantId: string,
  now: Date = new Date(),
  thresholds: AlarmThresholds = DEFAULT_THRESHOLDS,
): Promise<AlarmTransition[]> {
  const [devices, open] = await Promise.all([deviceHealthSnapshots(db, tenantId), openAlarms(db, tenantId)]);
  const openByDevice = new Map<string, Map<AlarmKind, (typeof open)[number]>>();
  for (const alarm of open) {
    let kinds = openByDevice.get(alarm.deviceId);
    if (!kinds) openByDevice.set(alarm.deviceId, (kinds = new Map()));
    kinds.set(alarm.kind, alarm);
  }
  const transitions: AlarmTransition[] = [];
  for (const device of devices) {
    const current = openByDevice.get(device.deviceId) ?? new Map();
    const conditions = alarmConditions(device, new Set(current.keys()), now, thresholds);
    const wanted = new Set(conditions.map((c) => c.kind));
    for (const condition of conditions) {
      if (current.has(condition.kind)) continue;
      const alarm = await raiseAlarm(db, tenantId, { deviceId: device.deviceId, ...condition, at: now });
      transitions.push({
        state: "raised",
        alarmId: alarm.id,
        tenantId,
        deviceId: device.deviceId,
        sourceEurid: device.sourceEurid,
        friendlyId: device.friendlyId,
        kind: condition.kind,
        message: condition.message,
        details: condition.details,
        raisedAt: alarm.raisedAt.toISOString(),
        clearedAt: null,
      });
    }
    for (const [kind, alarm] of current) {
      if (wanted.has(kind)) continue;
      if (!(await clearAlarm(db, tenantId, alarm.id, now))) continue;
      transitions.push({
        state: "cleared",
        alarmId: alarm.id,
        tenantId,
        deviceId: device.deviceId,
        sourceEurid: device.sourceEurid,
        friendlyId: device.friendlyId,
        kind,
        message: alarm.message,
        details: alarm.details as Record<string, unknown>,
        raisedAt: alarm.raisedAt.toISOString(),
        clearedAt: now.toISOString(),
      });
    }
  }
  return transitions;
}
