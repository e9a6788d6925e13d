import type { Db } from "../client";
import type { GatewayKind, HealthStatus, Prisma } from "../generated/prisma/client";
import { applyGatewayLicense } from "./gateway-license";

export interface GatewayIdentity {
  kind: GatewayKind;
  mac: string;
  name?: string;
  hardwareDescriptor?: string;
  softwareVersion?: string;
  credentialId?: string;
  ipAddress?: string;
}

/** Registers a gateway on connect (or an access point's hello), marks it connected and applies
 * the tenant's gateway limit (licenses verified with `licensePublicKey`). `licensed` false: its
 * frames are dropped and counted. */
export async function registerGateway(
  db: Db,
  tenantId: string,
  identity: GatewayIdentity,
  options: { licensePublicKey?: string | undefined; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const details = {
    ...(identity.name !== undefined ? { name: identity.name } : {}),
    ...(identity.hardwareDescriptor !== undefined ? { hardwareDescriptor: identity.hardwareDescriptor } : {}),
    ...(identity.softwareVersion !== undefined ? { softwareVersion: identity.softwareVersion } : {}),
    ...(identity.credentialId !== undefined ? { credentialId: identity.credentialId } : {}),
    ...(identity.ipAddress !== undefined ? { ipAddress: identity.ipAddress } : {}),
  };
  const gateway = await db.gateway.upsert({
    where: { tenantId_mac: { tenantId, mac: identity.mac } },
    create: {
      tenantId,
      kind: identity.kind,
      mac: identity.mac,
      connectionState: "CONNECTED",
      connectedAt: now,
      lastSeenAt: now,
      ...details,
      stats: { create: { tenantId } },
    },
    update: { connectionState: "CONNECTED", connectedAt: now, lastSeenAt: now, ...details },
  });
  const licensed = await applyGatewayLicense(db, tenantId, gateway.id, options.licensePublicKey, now);
  return { ...gateway, licensed };
}

/** A known gateway by its identity (ingest's fast path when a gateway reconnects). */
export async function findGatewayByMac(db: Db, tenantId: string, mac: string) {
  return db.gateway.findUnique({ where: { tenantId_mac: { tenantId, mac } }, select: { id: true, mac: true, licensed: true } });
}

/** Updates what a connected gateway says about itself (an access point's model and version
 * arrive with every message; they change after a firmware update). */
export async function updateGatewayDetails(
  db: Db,
  tenantId: string,
  gatewayId: string,
  details: { name?: string; hardwareDescriptor?: string; softwareVersion?: string; ipAddress?: string },
) {
  await db.gateway.updateMany({ where: { id: gatewayId, tenantId }, data: details });
}

/** Marks a gateway disconnected, unless it connected again since `connectedAt` (a reconnect
 * that reached another socket or process before this one noticed the close). */
export async function markGatewayDisconnected(db: Db, tenantId: string, gatewayId: string, connectedAt?: Date) {
  await db.gateway.updateMany({
    where: { id: gatewayId, tenantId, ...(connectedAt ? { OR: [{ connectedAt: null }, { connectedAt: { lte: connectedAt } }] } : {}) },
    data: { connectionState: "DISCONNECTED" },
  });
}

/** Marks many gateways disconnected in one statement, each unless it connected again after the
 * given time (ingest batches the disconnects of a moment: a restart closes thousands at once). */
export async function markGatewaysDisconnected(db: Db, rows: { gatewayId: string; tenantId: string; connectedAt: Date }[]) {
  if (rows.length === 0) return;
  await db.$executeRawUnsafe(
    `UPDATE "Gateway" g SET "connectionState" = 'DISCONNECTED'
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS s(id, tenant, since)
      WHERE g.id = s.id AND g."tenantId" = s.tenant AND (g."connectedAt" IS NULL OR g."connectedAt" <= s.since)`,
    rows.map((r) => r.gatewayId),
    rows.map((r) => r.tenantId),
    rows.map((r) => r.connectedAt),
  );
}

/** Records that gateways were heard from (one statement for many; called every few seconds,
 * never per telegram). */
export async function touchGateways(db: Db, seen: { gatewayId: string; tenantId: string; at: Date }[]) {
  if (seen.length === 0) return;
  await db.$executeRawUnsafe(
    `UPDATE "Gateway" g SET "lastSeenAt" = GREATEST(g."lastSeenAt", s.at)
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS s(id, tenant, at)
      WHERE g.id = s.id AND g."tenantId" = s.tenant`,
    seen.map((s) => s.gatewayId),
    seen.map((s) => s.tenantId),
    seen.map((s) => s.at),
  );
}

/** Current licensed flags of connected gateways (ingest re-reads them while connections last,
 * so a new license or a removed gateway takes effect without a reconnect). */
export async function gatewayLicensedFlags(db: Db, gatewayIds: string[]): Promise<Map<string, boolean>> {
  if (gatewayIds.length === 0) return new Map();
  const rows = await db.gateway.findMany({ where: { id: { in: gatewayIds } }, select: { id: true, licensed: true } });
  return new Map(rows.map((r) => [r.id, r.licensed]));
}

export interface GatewayHealthReport {
  apHealth: HealthStatus;
  usbHealth: HealthStatus;
  detail: Prisma.InputJsonValue;
  at: Date;
}

/** Stores an access point's health report (every 120 s per access point). */
export async function recordGatewayHealth(db: Db, tenantId: string, gatewayId: string, report: GatewayHealthReport) {
  await db.gateway.updateMany({
    where: { id: gatewayId, tenantId },
    data: { apHealth: report.apHealth, usbHealth: report.usbHealth, healthDetail: report.detail, lastHealthAt: report.at, lastSeenAt: report.at },
  });
}

export async function listGateways(db: Db, tenantId: string) {
  return db.gateway.findMany({
    where: { tenantId },
    orderBy: { mac: "asc" },
    include: { stats: true },
  });
}
