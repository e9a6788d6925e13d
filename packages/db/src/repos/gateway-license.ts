import { TRIAL_LIMITS } from "@tidewire/license";
import type { Db } from "../client";
import { tenantLimits } from "./licenses";

/** Gateways a tenant may use without a valid license: the trial limit (enough to try Tidewire
 * with one or two gateways, not to run a building). */
export const DEFAULT_MAX_GATEWAYS = TRIAL_LIMITS.maxGateways;

/** The gateway limit that applies to a tenant now: maxGateways of its newest license whose signed
 * key verifies with the platform's public key, is current and not revoked; the trial limit
 * otherwise, and always when no public key is configured (a database row alone grants nothing). */
export async function gatewayLimit(db: Db, tenantId: string, publicKey: string | undefined, now: Date = new Date()): Promise<number> {
  if (!publicKey) return DEFAULT_MAX_GATEWAYS;
  return (await tenantLimits(db, tenantId, publicKey, now)).maxGateways;
}

/** Applies the tenant's gateway limit to one gateway and returns whether it is licensed. The
 * first N gateways by creation are licensed — the rule applyLicenseLimits applies to all of a
 * tenant's gateways — so every ingest process, every reconnect and the portal agree. */
export async function applyGatewayLicense(
  db: Db,
  tenantId: string,
  gatewayId: string,
  publicKey: string | undefined,
  now: Date = new Date(),
): Promise<boolean> {
  const limit = await gatewayLimit(db, tenantId, publicKey, now);
  const rows = await db.$queryRawUnsafe<{ licensed: boolean }[]>(
    `WITH ranked AS (
       SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS rn FROM "Gateway" WHERE "tenantId" = $1
     )
     UPDATE "Gateway" g SET licensed = r.rn <= $3
       FROM ranked r
      WHERE g.id = r.id AND g.id = $2 AND g."tenantId" = $1
     RETURNING g.licensed`,
    tenantId,
    gatewayId,
    limit,
  );
  return rows[0]?.licensed ?? false;
}
