import type { Db } from "../client";
import type { AlarmKind, Prisma } from "../generated/prisma/client";
import type { DeviceHealthSnapshot } from "../health/alarm-rules";

/** Everything the health rules need about every device of a tenant, in one statement: the
 * newest energy value (through the partial energy index), the highest one of the day before,
 * and the RSSI of the last five telegrams. */
export async function deviceHealthSnapshots(db: Db, tenantId: string): Promise<DeviceHealthSnapshot[]> {
  const rows = await db.$queryRawUnsafe<
    {
      id: string;
      sourceEurid: string;
      friendlyId: string;
      active: boolean;
      licensed: boolean;
      expectedIntervalSec: number | null;
      lastSeenAt: Date | null;
      createdAt: Date;
      energy: number | null;
      energyAt: Date | null;
      energyMaxDay: number | null;
      rssiAverage: number | null;
      rssiSamples: number;
    }[]
  >(
    `SELECT d.id, d."sourceEurid", d."friendlyId", d.active, d.licensed, d."expectedIntervalSec",
            d."lastSeenAt", d."createdAt",
            e.value AS energy, e.time AS "energyAt",
            (SELECT max(p.value) FROM "TelemetryPoint" p
              WHERE p."deviceId" = d.id AND p.key = 'signal.energy'
                AND p.time >= e.time - interval '1 day') AS "energyMaxDay",
            r.avg::float8 AS "rssiAverage", r.n::int AS "rssiSamples"
       FROM "Device" d
       LEFT JOIN LATERAL (
         SELECT p.value, p.time FROM "TelemetryPoint" p
          WHERE p."deviceId" = d.id AND p.key = 'signal.energy'
          ORDER BY p.time DESC LIMIT 1) e ON true
       LEFT JOIN LATERAL (
         SELECT avg(x.rssi) AS avg, count(*) AS n FROM (
           SELECT t.rssi FROM "TelemetryRecord" t
            WHERE t."deviceId" = d.id AND t.rssi IS NOT NULL
            ORDER BY t.time DESC LIMIT 5) x) r ON true
      WHERE d."tenantId" = $1`,
    tenantId,
  );
  return rows.map((r) => ({ ...r, deviceId: r.id }));
}

export async function openAlarms(db: Db, tenantId: string) {
  return db.alarm.findMany({ where: { tenantId, clearedAt: null } });
}

export const openKeyOf = (deviceId: string, kind: AlarmKind) => `${deviceId}:${kind}`;

export async function raiseAlarm(
  db: Db,
  tenantId: string,
  input: { deviceId: string; kind: AlarmKind; message: string; details: Record<string, unknown>; at: Date },
) {
  // The open key makes a second raise of the same condition (another replica) a no-op.
  return db.alarm.upsert({
    where: { openKey: openKeyOf(input.deviceId, input.kind) },
    create: {
      tenantId,
      deviceId: input.deviceId,
      kind: input.kind,
      message: input.message,
      details: input.details as Prisma.InputJsonValue,
      raisedAt: input.at,
      openKey: openKeyOf(input.deviceId, input.kind),
    },
    update: { message: input.message, details: input.details as Prisma.InputJsonValue },
  });
}

export async function clearAlarm(db: Db, tenantId: string, alarmId: string, at: Date) {
  const { count } = await db.alarm.updateMany({ where: { id: alarmId, tenantId, clearedAt: null }, data: { clearedAt: at, openKey: null } });
  return count > 0;
}

/** Alarms for the dashboard and device page: open ones first, then recently cleared. */
export async function listAlarms(
  db: Db,
  tenantId: string,
  options: { deviceId?: string; open?: boolean; take?: number } = {},
) {
  return db.alarm.findMany({
    where: {
      tenantId,
      ...(options.deviceId ? { deviceId: options.deviceId } : {}),
      ...(options.open === true ? { clearedAt: null } : options.open === false ? { NOT: { clearedAt: null } } : {}),
    },
    orderBy: [{ raisedAt: "desc" }],
    take: Math.min(options.take ?? 100, 500),
    include: { device: { select: { sourceEurid: true, friendlyId: true, location: true } } },
  });
}
