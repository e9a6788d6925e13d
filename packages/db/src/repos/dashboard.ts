import type { Db } from "../client";

/** Telegrams processed per minute over the last day (minutes without any are left out; the
 * chart fills them in). Reads the history's (tenantId, time) index only. */
export async function telegramsPerMinute(db: Db, tenantId: string, now: Date = new Date(), hours = 24) {
  const since = new Date(now.getTime() - hours * 3_600_000);
  const rows = await db.$queryRawUnsafe<{ minute: number; count: number }[]>(
    `SELECT extract(epoch FROM date_trunc('minute', time))::float8 AS minute, count(*)::int AS count
       FROM "TelemetryRecord"
      WHERE "tenantId" = $1 AND time >= ($2::timestamptz AT TIME ZONE 'UTC')
      GROUP BY date_trunc('minute', time) ORDER BY 1`,
    tenantId,
    since.toISOString(),
  );
  return rows;
}

export type DeviceHealthCategory = "healthy" | "alarm" | "neverSeen" | "inactive" | "unlicensed";

/** How many devices are in which state: inactive and unlicensed first (they are not processed),
 * then those with an open alarm, never heard, or healthy. */
export async function devicesByHealth(db: Db, tenantId: string): Promise<Record<DeviceHealthCategory, number>> {
  const rows = await db.$queryRawUnsafe<{ category: DeviceHealthCategory; count: number }[]>(
    `SELECT CASE
              WHEN NOT d.active THEN 'inactive'
              WHEN NOT d.licensed THEN 'unlicensed'
              WHEN EXISTS (SELECT 1 FROM "Alarm" a WHERE a."deviceId" = d.id AND a."clearedAt" IS NULL) THEN 'alarm'
              WHEN d."lastSeenAt" IS NULL THEN 'neverSeen'
              ELSE 'healthy'
            END AS category, count(*)::int AS count
       FROM "Device" d WHERE d."tenantId" = $1 GROUP BY 1`,
    tenantId,
  );
  const result: Record<DeviceHealthCategory, number> = { healthy: 0, alarm: 0, neverSeen: 0, inactive: 0, unlicensed: 0 };
  for (const r of rows) result[r.category] = r.count;
  return result;
}

export async function dashboardCounts(db: Db, tenantId: string) {
  const [devices, gateways, connectedGateways, targets, failingTargets, openAlarms, deadLetters] = await Promise.all([
    db.device.count({ where: { tenantId } }),
    db.gateway.count({ where: { tenantId } }),
    db.gateway.count({ where: { tenantId, connectionState: "CONNECTED" } }),
    db.egressTarget.count({ where: { tenantId } }),
    db.egressTarget.findMany({
      where: { tenantId, status: "FAILING" },
      select: { id: true, name: true, kind: true, lastError: true, lastErrorAt: true },
    }),
    db.alarm.count({ where: { tenantId, clearedAt: null } }),
    db.deadLetter.count({ where: { tenantId, replayedAt: null } }),
  ]);
  return { devices, gateways, connectedGateways, targets, failingTargets, openAlarms, deadLetters };
}
