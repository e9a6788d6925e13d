import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../client";

/** One chart bucket of one key: the values received in [start, start + bucketSeconds). */
export interface SeriesBucket {
  /** bucket start, Unix seconds */
  t: number;
  avg: number;
  min: number;
  max: number;
  count: number;
}

const NICE_BUCKETS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The bucket size that gives at most `maxPoints` points over the range, rounded to a size a
 * person reads naturally (1 min, 5 min, 1 h, ...). */
export function bucketSecondsFor(from: Date, to: Date, maxPoints = 500): number {
  const span = Math.max(1, (to.getTime() - from.getTime()) / 1000);
  const wanted = span / maxPoints;
  return NICE_BUCKETS.find((b) => b >= wanted) ?? Math.ceil(wanted / 86400) * 86400;
}

/** A device's numbers over a time range, averaged per bucket, per key. Reads only the chart
 * history's primary-key range of this device (see TelemetryPoint). */
export async function telemetrySeries(
  db: Db,
  tenantId: string,
  deviceId: string,
  range: { from: Date; to: Date; maxPoints?: number },
): Promise<{ bucketSeconds: number; series: Record<string, SeriesBucket[]> }> {
  const bucketSeconds = bucketSecondsFor(range.from, range.to, range.maxPoints);
  // date_bin works on timestamps directly; bucketing through epoch seconds (numeric) costs
  // three times as much on a month of points.
  const rows = await db.$queryRawUnsafe<{ key: string; t: number; avg: number; min: number; max: number; count: number }[]>(
    `SELECT key, extract(epoch FROM bucket)::float8 AS t,
            avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max, count(*)::int AS count
       FROM (SELECT key, value, date_bin(make_interval(secs => $3), time, TIMESTAMP '1970-01-01') AS bucket
               FROM "TelemetryPoint"
              WHERE "deviceId" = $1 AND "tenantId" = $2
                AND time >= ($4::timestamptz AT TIME ZONE 'UTC') AND time < ($5::timestamptz AT TIME ZONE 'UTC')) p
      GROUP BY key, bucket
      ORDER BY key, bucket`,
    deviceId,
    tenantId,
    bucketSeconds,
    range.from.toISOString(),
    range.to.toISOString(),
  );
  const series: Record<string, SeriesBucket[]> = {};
  for (const r of rows) {
    (series[r.key] ??= []).push({ t: r.t, avg: r.avg, min: r.min, max: r.max, count: r.count });
  }
  return { bucketSeconds, series };
}

/** Deletes a tenant's history older than the cutoff (retention), in batches so a large delete
 * never holds locks for long. Answers how many telegrams and points went. */
export async function deleteTelemetryBefore(db: Db, tenantId: string, cutoff: Date, batch = 20_000) {
  const iso = cutoff.toISOString();
  let records = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(
      `DELETE FROM "TelemetryRecord" WHERE id IN (
         SELECT id FROM "TelemetryRecord"
          WHERE "tenantId" = $1 AND time < ($2::timestamptz AT TIME ZONE 'UTC') LIMIT $3)`,
      tenantId,
      iso,
      batch,
    );
    records += n;
    if (n < batch) break;
  }
  let points = 0;
  const devices = await db.device.findMany({ where: { tenantId }, select: { id: true } });
  for (const device of devices) {
    points += await db.$executeRawUnsafe(
      `DELETE FROM "TelemetryPoint" WHERE "deviceId" = $1 AND "tenantId" = $2 AND time < ($3::timestamptz AT TIME ZONE 'UTC')`,
      device.id,
      tenantId,
      iso,
    );
  }
  return { records, points };
}

/** Deletes every history row and chart point of these devices (the history tables have no
 * foreign keys, so deleting a device does not take its history along by itself). */
export async function deleteDevicesHistory(db: Db | Prisma.TransactionClient, tenantId: string, deviceIds: string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  await db.$executeRawUnsafe(`DELETE FROM "TelemetryRecord" WHERE "tenantId" = $1 AND "deviceId" = ANY($2::text[])`, tenantId, deviceIds);
  await db.$executeRawUnsafe(`DELETE FROM "TelemetryPoint" WHERE "tenantId" = $1 AND "deviceId" = ANY($2::text[])`, tenantId, deviceIds);
}
