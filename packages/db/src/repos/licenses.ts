import {
  isCurrent,
  LicenseError,
  limitsOf,
  signLicenseKey,
  TRIAL_LIMITS,
  verifyLicenseKey,
  type TenantLimits,
} from "@tidewire/license";
import type { Db } from "../client";
import { DataError, notFound } from "./data-error";

export interface LicenseInput {
  maxDevices: number;
  maxGateways: number;
  maxMessagesPerDay: number;
  retentionDays: number;
  validFrom: Date;
  validUntil: Date;
  note?: string;
}

function checkDates(input: { validFrom: Date; validUntil: Date }) {
  if (input.validUntil.getTime() <= input.validFrom.getTime()) {
    throw new DataError("INVALID", "a license must end after it starts");
  }
}

/** Issues a license to a tenant: stores it with its signed key (the key is what the pipeline
 * trusts; the columns are for people). */
export async function issueLicense(
  db: Db,
  tenantId: string,
  input: LicenseInput,
  signingKey: string,
  createdById?: string,
) {
  checkDates(input);
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!tenant) throw notFound("tenant");
  return db.$transaction(async (tx) => {
    const row = await tx.license.create({
      data: { tenantId, ...input, note: input.note ?? "", key: "pending", ...(createdById ? { createdById } : {}) },
    });
    const key = signLicenseKey({ licenseId: row.id, tenantId, ...input, issuedAt: row.createdAt }, signingKey);
    return tx.license.update({ where: { id: row.id }, data: { key } });
  });
}

/** Moves a license's end date (extend or shorten) and signs a fresh key for it. */
export async function extendLicense(db: Db, tenantId: string, licenseId: string, validUntil: Date, signingKey: string) {
  const row = await db.license.findFirst({ where: { id: licenseId, tenantId } });
  if (!row) throw notFound("license");
  if (row.revokedAt) throw new DataError("CONFLICT", "a revoked license cannot be extended; issue a new one");
  checkDates({ validFrom: row.validFrom, validUntil });
  const key = signLicenseKey({ licenseId: row.id, ...row, validUntil, issuedAt: new Date() }, signingKey);
  return db.license.update({ where: { id: row.id }, data: { validUntil, key } });
}

export async function revokeLicense(db: Db, tenantId: string, licenseId: string) {
  const { count } = await db.license.updateMany({
    where: { id: licenseId, tenantId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("active license");
  return db.license.findUniqueOrThrow({ where: { id: licenseId } });
}

export async function listLicenses(db: Db, tenantId: string) {
  return db.license.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
}

/** The limits that apply to a tenant now: those of its newest license that is current, not
 * revoked and carries a key signed by the platform (checked offline with the public key), or
 * the trial limits when it has none. */
export async function tenantLimits(db: Db, tenantId: string, publicKey: string, now: Date = new Date()): Promise<TenantLimits> {
  const candidates = await db.license.findMany({
    where: { tenantId, revokedAt: null, validFrom: { lte: now }, validUntil: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { key: true },
  });
  for (const { key } of candidates) {
    try {
      const claims = verifyLicenseKey(key, publicKey);
      // The key, not the row, is authoritative: a row edited in the database grants nothing.
      if (claims.tenantId === tenantId && isCurrent(claims, now)) return limitsOf(claims);
    } catch (error) {
      if (!(error instanceof LicenseError)) throw error;
    }
  }
  return TRIAL_LIMITS;
}

export interface LicenseEnforcement {
  limits: TenantLimits;
  devices: { total: number; licensed: number; unlicensed: number };
  gateways: { total: number; licensed: number; unlicensed: number };
  /** how many devices and gateways changed their licensed flag in this call */
  changed: number;
}

/** Applies a tenant's limits to its devices and gateways: the first N by creation are
 * processed, the rest are marked unlicensed (the worker drops their telegrams as "not
 * processed: license"). Deterministic, so every replica and every run agrees. Call it whenever
 * licenses or devices change; workers may call it too. Also sets the tenant's retention. */
export async function applyLicenseLimits(
  db: Db,
  tenantId: string,
  publicKey: string,
  now: Date = new Date(),
): Promise<LicenseEnforcement> {
  const limits = await tenantLimits(db, tenantId, publicKey, now);
  const [devicesChanged, gatewaysChanged] = await db.$transaction([
    db.$executeRawUnsafe(
      `UPDATE "Device" d SET licensed = r.rn <= $2, "updatedAt" = now()
         FROM (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS rn FROM "Device" WHERE "tenantId" = $1) r
        WHERE d.id = r.id AND d.licensed IS DISTINCT FROM (r.rn <= $2)`,
      tenantId,
      limits.maxDevices,
    ),
    db.$executeRawUnsafe(
      `UPDATE "Gateway" g SET licensed = r.rn <= $2, "updatedAt" = now()
         FROM (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS rn FROM "Gateway" WHERE "tenantId" = $1) r
        WHERE g.id = r.id AND g.licensed IS DISTINCT FROM (r.rn <= $2)`,
      tenantId,
      limits.maxGateways,
    ),
    db.tenant.updateMany({ where: { id: tenantId, NOT: { retentionDays: limits.retentionDays } }, data: { retentionDays: limits.retentionDays } }),
  ]);
  const [deviceTotal, deviceLicensed, gatewayTotal, gatewayLicensed] = await Promise.all([
    db.device.count({ where: { tenantId } }),
    db.device.count({ where: { tenantId, licensed: true } }),
    db.gateway.count({ where: { tenantId } }),
    db.gateway.count({ where: { tenantId, licensed: true } }),
  ]);
  return {
    limits,
    devices: { total: deviceTotal, licensed: deviceLicensed, unlicensed: deviceTotal - deviceLicensed },
    gateways: { total: gatewayTotal, licensed: gatewayLicensed, unlicensed: gatewayTotal - gatewayLicensed },
    changed: devicesChanged + gatewaysChanged,
  };
}
