import { executeSql, type SqlTarget } from "../sql-pool";

/** Counts accumulated in memory by a worker and flushed periodically (never per telegram). */
export interface StatsDelta {
  tenantId: string;
  /** deviceId or gatewayId */
  id: string;
  total: number;
  processed: number;
  notProcessed: number;
  notProcessedByReason: Record<string, number>;
  lastSeenAt: Date | null;
}

const mergeReasons = (table: string) => `(
  SELECT COALESCE(jsonb_object_agg(k, COALESCE((${table}."notProcessedByReason"->>k)::bigint, 0)
                                    + COALESCE((EXCLUDED."notProcessedByReason"->>k)::bigint, 0)), '{}'::jsonb)
  FROM jsonb_object_keys(${table}."notProcessedByReason" || EXCLUDED."notProcessedByReason") AS k)`;

function upsertSql(table: "DeviceStats" | "GatewayStats", idColumn: "deviceId" | "gatewayId") {
  const t = `"${table}"`;
  return `
    INSERT INTO ${t} ("${idColumn}", "tenantId", "totalTelegramCount", "successfullyProcessed",
                      "notProcessed", "notProcessedByReason", "lastSeenAt", "updatedAt")
    SELECT d.id, d.tenant, d.total, d.processed, d.failed, d.reasons, (d.seen AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::jsonb[], $7::timestamptz[])
         AS d(id, tenant, total, processed, failed, reasons, seen)
    ON CONFLICT ("${idColumn}") DO UPDATE SET
      "totalTelegramCount"    = ${t}."totalTelegramCount" + EXCLUDED."totalTelegramCount",
      "successfullyProcessed" = ${t}."successfullyProcessed" + EXCLUDED."successfullyProcessed",
      "notProcessed"          = ${t}."notProcessed" + EXCLUDED."notProcessed",
      "notProcessedByReason"  = ${mergeReasons(t)},
      "lastSeenAt"            = GREATEST(${t}."lastSeenAt", EXCLUDED."lastSeenAt"),
      "updatedAt"             = (now() AT TIME ZONE 'UTC')`;
}

// Times travel as ISO text and are stored as UTC wall time (the columns have no time zone), so the
// session's time zone cannot shift them; the same on the Prisma client and on a pg pool.
async function apply(db: SqlTarget, sql: string, deltas: StatsDelta[]) {
  if (deltas.length === 0) return;
  await executeSql(db, sql, [
    deltas.map((d) => d.id),
    deltas.map((d) => d.tenantId),
    deltas.map((d) => d.total),
    deltas.map((d) => d.processed),
    deltas.map((d) => d.notProcessed),
    deltas.map((d) => JSON.stringify(d.notProcessedByReason)),
    deltas.map((d) => d.lastSeenAt?.toISOString() ?? null),
  ]);
}

/** Adds counts to device statistics in one statement (rows are created on first use). */
export function applyDeviceStats(db: SqlTarget, deltas: StatsDelta[]) {
  return apply(db, upsertSql("DeviceStats", "deviceId"), deltas);
}

export function applyGatewayStats(db: SqlTarget, deltas: StatsDelta[]) {
  return apply(db, upsertSql("GatewayStats", "gatewayId"), deltas);
}

/** In-memory accumulator: add per telegram, drain per flush. */
export class StatsAccumulator {
  private readonly byId = new Map<string, StatsDelta>();

  add(tenantId: string, id: string, outcome: { ok: true } | { ok: false; reason: string }, seenAt: Date) {
    let d = this.byId.get(id);
    if (!d) {
      d = { tenantId, id, total: 0, processed: 0, notProcessed: 0, notProcessedByReason: {}, lastSeenAt: null };
      this.byId.set(id, d);
    }
    d.total += 1;
    if (outcome.ok) d.processed += 1;
    else {
      d.notProcessed += 1;
      d.notProcessedByReason[outcome.reason] = (d.notProcessedByReason[outcome.reason] ?? 0) + 1;
    }
    if (!d.lastSeenAt || seenAt > d.lastSeenAt) d.lastSeenAt = seenAt;
  }

  /** Puts drained counts back (a flush that failed), adding to what arrived meanwhile. */
  merge(deltas: StatsDelta[]) {
    for (const d of deltas) {
      const current = this.byId.get(d.id);
      if (!current) {
        this.byId.set(d.id, { ...d, notProcessedByReason: { ...d.notProcessedByReason } });
        continue;
      }
      current.total += d.total;
      current.processed += d.processed;
      current.notProcessed += d.notProcessed;
      for (const [reason, n] of Object.entries(d.notProcessedByReason)) {
        current.notProcessedByReason[reason] = (current.notProcessedByReason[reason] ?? 0) + n;
      }
      if (d.lastSeenAt && (!current.lastSeenAt || d.lastSeenAt > current.lastSeenAt)) current.lastSeenAt = d.lastSeenAt;
    }
  }

  get size() {
    return this.byId.size;
  }

  drain(): StatsDelta[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    return all;
  }
}
