import type { Db } from "../client";
import { executeSql, type SqlTarget } from "../sql-pool";
import { pointsOf, type TelemetryPointRow } from "./telemetry-points";

export interface TelemetryRow {
  tenantId: string;
  deviceId: string;
  time: Date;
  telegramId: string;
  data: unknown;
  signal: unknown;
  rssi: number | null;
  rawData: string;
  receptions: unknown;
}

/** Multi-row insert of telemetry history: the telegrams, and their numbers into the chart history
 * (TelemetryPoint). One statement, so one round trip and all or nothing; a point already written
 * (a retried batch) is kept. Times travel as ISO text and are converted in UTC, so the session's
 * time zone cannot shift them on their way into the timestamp-without-time-zone columns. The
 * worker runs it on its pg pool, tests and tools on the Prisma client. */
export async function insertTelemetry(db: SqlTarget, rows: TelemetryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const points: TelemetryPointRow[] = rows.flatMap(pointsOf);
  await executeSql(
    db,
    `WITH telegrams AS (
       INSERT INTO "TelemetryRecord" ("tenantId", "deviceId", "time", "telegramId", "data", "signal", "rssi", "rawData", "receptions")
       SELECT tn, d, (t::timestamptz AT TIME ZONE 'UTC'), tg, da, si, rs, rd, re
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::int[], $8::text[], $9::jsonb[])
              AS u(tn, d, t, tg, da, si, rs, rd, re)
     )
     INSERT INTO "TelemetryPoint" ("deviceId", "time", "key", "tenantId", "value")
     SELECT d, (t::timestamptz AT TIME ZONE 'UTC'), k, tn, v
       FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::float8[]) AS u(d, t, k, tn, v)
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.tenantId),
      rows.map((r) => r.deviceId),
      rows.map((r) => r.time.toISOString()),
      rows.map((r) => r.telegramId),
      rows.map((r) => JSON.stringify(r.data ?? [])),
      rows.map((r) => JSON.stringify(r.signal ?? [])),
      rows.map((r) => r.rssi),
      rows.map((r) => r.rawData),
      rows.map((r) => JSON.stringify(r.receptions ?? [])),
      points.map((p) => p.deviceId),
      points.map((p) => p.time.toISOString()),
      points.map((p) => p.key),
      points.map((p) => p.tenantId),
      points.map((p) => p.value),
    ],
  );
}

export async function latestTelemetry(db: Db, tenantId: string, deviceId: string, take = 50) {
  return db.telemetryRecord.findMany({
    where: { tenantId, deviceId },
    orderBy: { time: "desc" },
    take,
  });
}
