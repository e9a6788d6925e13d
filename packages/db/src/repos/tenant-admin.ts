import type { Db } from "../client";
import { DataError, notFound } from "./data-error";
import { usageDay } from "./daily-usage";

const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

/** Creates a tenant (platform admins). The slug names it in URLs and must be unique. */
export async function createTenant(db: Db, input: { slug: string; name: string }) {
  if (!SLUG.test(input.slug)) throw new DataError("INVALID", "tenant slug: 3-40 lower-case letters, digits or dashes");
  const taken = await db.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (taken) throw new DataError("CONFLICT", `the slug ${input.slug} is taken`);
  return db.tenant.create({ data: input });
}

export async function getTenant(db: Db, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw notFound("tenant");
  return tenant;
}

export async function updateTenantSettings(db: Db, tenantId: string, input: { name?: string; alarmsToMqtt?: boolean }) {
  return db.tenant.update({
    where: { id: tenantId },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.alarmsToMqtt !== undefined ? { alarmsToMqtt: input.alarmsToMqtt } : {}),
    },
  });
}

/** Every tenant with what it uses (platform admins' license portal). Counts come from grouped
 * queries, one per kind, not one per tenant. */
export async function listTenantsWithUsage(db: Db, now: Date = new Date()) {
  const day = usageDay(now);
  const [tenants, devices, gateways, usage, members, processed] = await Promise.all([
    db.tenant.findMany({ orderBy: { name: "asc" } }),
    db.device.groupBy({ by: ["tenantId", "licensed"], _count: { _all: true } }),
    db.gateway.groupBy({ by: ["tenantId", "licensed"], _count: { _all: true } }),
    db.tenantDailyUsage.findMany({ where: { day } }),
    db.membership.groupBy({ by: ["tenantId"], _count: { _all: true } }),
    db.telemetryRecord.groupBy({ by: ["tenantId"], where: { time: { gte: day, lt: new Date(day.getTime() + 86_400_000) } }, _count: { _all: true } }),
  ]);
  const count = (rows: { tenantId: string; licensed: boolean; _count: { _all: number } }[], tenantId: string, licensed?: boolean) =>
    rows.filter((r) => r.tenantId === tenantId && (licensed === undefined || r.licensed === licensed)).reduce((n, r) => n + r._count._all, 0);
  return tenants.map((t) => {
    const today = usage.find((u) => u.tenantId === t.id);
    return {
      ...t,
      devices: count(devices, t.id),
      unlicensedDevices: count(devices, t.id, false),
      gateways: count(gateways, t.id),
      unlicensedGateways: count(gateways, t.id, false),
      messagesToday: Math.max(Number(today?.messages ?? 0), processed.find((p) => p.tenantId === t.id)?._count._all ?? 0),
      droppedToday: Number(today?.dropped ?? 0),
      members: members.find((m) => m.tenantId === t.id)?._count._all ?? 0,
    };
  });
}
