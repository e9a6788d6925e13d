import type { Db } from "../client";

/** The UTC calendar day a moment falls on (usage is counted per UTC day). */
export function usageDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Adds a worker's counts to a tenant's usage of the day (messages processed, and messages
 * dropped because the daily limit was reached). */
export async function addDailyUsage(db: Db, tenantId: string, at: Date, counts: { messages: number; dropped: number }) {
  if (counts.messages === 0 && counts.dropped === 0) return;
  const day = usageDay(at);
  await db.tenantDailyUsage.upsert({
    where: { tenantId_day: { tenantId, day } },
    create: { tenantId, day, messages: counts.messages, dropped: counts.dropped },
    update: { messages: { increment: counts.messages }, dropped: { increment: counts.dropped } },
  });
}

/** Messages of a tenant on one UTC day: processed ones (the telemetry history holds one row per
 * processed telegram, so it counts them even where a worker does not keep the daily counter),
 * and those dropped because the daily limit was reached (only the worker knows: its counter). */
export async function usageOfDay(db: Db, tenantId: string, at: Date = new Date()) {
  const day = usageDay(at);
  const [row, processed] = await Promise.all([
    db.tenantDailyUsage.findUnique({ where: { tenantId_day: { tenantId, day } } }),
    db.telemetryRecord.count({ where: { tenantId, time: { gte: day, lt: new Date(day.getTime() + 86_400_000) } } }),
  ]);
  return { messages: Math.max(Number(row?.messages ?? 0), processed), dropped: Number(row?.dropped ?? 0) };
}

/** Daily usage of the last `days` days, oldest first, with the days without traffic as zero. */
export async function usageHistory(db: Db, tenantId: string, days: number, now: Date = new Date()) {
  const since = usageDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  const [rows, processed] = await Promise.all([
    db.tenantDailyUsage.findMany({ where: { tenantId, day: { gte: since } }, orderBy: { day: "asc" } }),
    db.$queryRawUnsafe<{ day: string; count: number }[]>(
      `SELECT to_char(date_trunc('day', time), 'YYYY-MM-DD') AS day, count(*)::int AS count
         FROM "TelemetryRecord" WHERE "tenantId" = $1 AND time >= ($2::timestamptz AT TIME ZONE 'UTC') GROUP BY 1`,
      tenantId,
      since.toISOString(),
    ),
  ]);
  const byDay = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r]));
  const processedByDay = new Map(processed.map((p) => [p.day, p.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const row = byDay.get(day);
    return { day, messages: Math.max(Number(row?.messages ?? 0), processedByDay.get(day) ?? 0), dropped: Number(row?.dropped ?? 0) };
  });
}
