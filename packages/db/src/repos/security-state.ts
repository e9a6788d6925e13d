import { executeSql, querySql, type SqlTarget } from "../sql-pool";

/** The persisted rolling-code state of a secure device: the next RLC it may use (hex), or null.
 * Redis holds the hot copy; this is what survives a Redis loss. */
export async function loadNextRlc(db: SqlTarget, tenantId: string, sourceEurid: string): Promise<string | null> {
  // Plain SQL: the worker asks for every secure device whose hot copy Redis does not hold.
  const [row] = await querySql<{ rlc: string }>(
    db,
    `SELECT s.rlc FROM "DeviceSecurityState" s JOIN "Device" d ON d."id" = s."deviceId"
      WHERE s."tenantId" = $1 AND d."sourceEurid" = $2
      LIMIT 1`,
    [tenantId, sourceEurid],
  );
  return row?.rlc ?? null;
}

/** Persists rolling codes in one statement (written behind the hot Redis copy every second). */
export async function saveNextRlcs(db: SqlTarget, rows: { tenantId: string; sourceEurid: string; rlc: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await executeSql(
    db,
    `INSERT INTO "DeviceSecurityState" ("deviceId", "tenantId", rlc, "updatedAt")
     SELECT d.id, d."tenantId", s.rlc, now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS s(tenant, eurid, rlc)
       JOIN "Device" d ON d."tenantId" = s.tenant AND d."sourceEurid" = s.eurid
     ON CONFLICT ("deviceId") DO UPDATE SET rlc = EXCLUDED.rlc, "updatedAt" = now()`,
    [rows.map((r) => r.tenantId), rows.map((r) => r.sourceEurid), rows.map((r) => r.rlc)],
  );
}
