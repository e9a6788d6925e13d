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
 * worker runs it on its pg pool, tests and tools on the Prisma client.
 *
 * The rows travel as one JSON document each (telegrams, points) rather than one array parameter
 * per column: a single native JSON.stringify instead of the driver escaping every element of
 * fourteen text[] literals (half the worker's CPU for this statement; PostgreSQL's about the same). */
export async function insertTelemetry(db: SqlTarget, rows: TelemetryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const points: TelemetryPointRow[] = rows.flatMap(pointsOf);
  await executeSql(
    db,
    `WITH telegrams AS (
       INSERT INTO "TelemetryRecord" ("tenantId", "deviceId", "time", "telegramId", "data", "signal", "rssi", "rawData", "receptions")
       SELECT tn, d, (t::timestamptz AT TIME ZONE 'UTC'), tg, da, si, rs, rd, re
         FROM jsonb_to_recordset($1::jsonb)
              AS u(tn text, d text, t text, tg text, da jsonb, si jsonb, rs int, rd text, re jsonb)
     )
     INSERT INTO "TelemetryPoint" ("deviceId", "time", "key", "tenantId", "value")
     SELECT d, (t::timestamptz AT TIME ZONE 'UTC'), k, tn, v
       FROM jsonb_to_recordset($2::jsonb) AS u(d text, t text, k text, tn text, v float8)
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(
        rows.map((r) => ({
          tn: r.tenantId,
          d: r.deviceId,
          t: r.time.toISOString(),
          tg: r.telegramId,
          da: r.data ?? [],
          si: r.signal ?? [],
          rs: r.rssi,
          rd: r.rawData,
          re: r.receptions ?? [],
        })),
      ),
      JSON.stringify(
        points.map((p) => ({ d: p.deviceId, t: p.time.toISOString(), k: p.key, tn: p.tenantId, v: p.value })),
      ),
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
