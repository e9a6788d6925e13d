import type { ArubaApHealth, ArubaHealth } from "@tidewire/aruba";
import type { GatewayHealthReport, HealthStatus } from "@tidewire/db";

const STATUS: Record<ArubaHealth, HealthStatus> = { healthy: "HEALTHY", degraded: "DEGRADED", unavailable: "UNAVAILABLE" };
const SEVERITY: HealthStatus[] = ["HEALTHY", "DEGRADED", "UNAVAILABLE"];

/** An EnOcean stick's USB id starts with ENOCEAN_USB (e.g. "ENOCEAN_USB:deb480d7…"). */
export const isEnOceanStick = (identifier: string) => identifier.toUpperCase().startsWith("ENOCEAN_USB");

/**
 * Turns an access point's health message into gateway state: the AP's own status, and the USB
 * status of its EnOcean stick(s) — the worst one when there are several, UNPLUGGED when the
 * message lists none (that is how an access point reports a removed stick).
 */
export function healthReport(health: ArubaApHealth, at: Date): GatewayHealthReport {
  const sticks = health.usb.filter((u) => isEnOceanStick(u.identifier));
  const usbHealth: HealthStatus =
    sticks.length === 0 ? "UNPLUGGED" : sticks.map((s) => STATUS[s.health]).reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
  return {
    apHealth: STATUS[health.apStatus],
    usbHealth,
    detail: {
      apStatus: health.apStatus,
      usb: health.usb.map((u) => ({ identifier: u.identifier, health: u.health, ...(u.descriptor ? { descriptor: u.descriptor } : {}) })),
      radios: health.radios.map((r) => ({ ...r })),
      reportedAt: at.toISOString(),
    },
    at,
  };
}
