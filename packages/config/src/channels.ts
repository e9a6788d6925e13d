import { redisKey } from "./redis-key";

/** Redis pub/sub channels shared by the web and the worker processes. */
export const channels = {
  /** payload: tenantId — the tenant's devices changed; workers drop their cached copy. */
  devicesChanged: (prefix: string) => redisKey(prefix, "devices-changed"),
  /** payload: targetId — an egress target was created, changed or deleted. */
  targetsChanged: (prefix: string) => redisKey(prefix, "targets-changed"),
  /** payload: LiveDeviceEvent JSON — a new message of one of the tenant's devices. */
  live: (prefix: string, tenantId: string) => redisKey(prefix, "live", tenantId),
  /** payload: TeachInEvent JSON — a teach-in telegram heard for the tenant (learn mode). */
  teachIn: (prefix: string, tenantId: string) => redisKey(prefix, "teach-in", tenantId),
  /** payload: AlarmEvent JSON — a device alarm of the tenant was raised or cleared. */
  alarms: (prefix: string, tenantId: string) => redisKey(prefix, "alarms", tenantId),
};

/** What a worker publishes on channels.teachIn for every teach-in telegram it recognises. */
export interface TeachInEvent {
  sourceEurid: string;
  /** the profile the telegram announces ("A5-02-05"), when it names one */
  eep?: string;
  /** 3 upper-case hex digits, when the telegram carries one */
  manufacturerId?: string;
  teachInType: "4BS" | "1BS" | "UTE" | "SEC_TI" | string;
  /** ISO 8601 */
  seenAt: string;
  rssi: number | null;
  /** the gateway that heard it (MAC or id) */
  gateway: string;
}
