import { usageDay } from "@tidewire/db";
import Link from "next/link";
import { services } from "@/server/services";

/** On every page of a tenant that is over a license limit: what is being dropped, plainly, with
 * a link to the details. Reads the licensed flags the pipeline enforces (cheap counts). */
export async function LicenseBanner({ tenantId }: { tenantId: string }) {
  const db = services().db;
  const [devices, gateways, today] = await Promise.all([
    db.device.count({ where: { tenantId, licensed: false } }),
    db.gateway.count({ where: { tenantId, licensed: false } }),
    // the worker's daily counter only: no count over the day's telemetry on every page
    db.tenantDailyUsage.findUnique({ where: { tenantId_day: { tenantId, day: usageDay(new Date()) } }, select: { dropped: true } }),
  ]);
  const dropped = [
    devices ? `${devices.toLocaleString("en")} device${devices === 1 ? "" : "s"}` : null,
    gateways ? `${gateways.toLocaleString("en")} gateway${gateways === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  const droppedToday = Number(today?.dropped ?? 0);
  if (dropped.length === 0 && droppedToday === 0) return null;
  return (
    <div className="tw-alert tw-alert-bad license-banner" role="alert" data-testid="license-banner">
      <strong>Over your license.</strong>{" "}
      {dropped.length ? `The telegrams of ${dropped.join(" and ")} over the limit are dropped, not processed. ` : ""}
      {droppedToday ? `The daily message limit was reached: ${droppedToday.toLocaleString("en")} messages dropped today. ` : ""}
      <Link href="/settings">See what is dropped and your limits</Link>.
    </div>
  );
}
