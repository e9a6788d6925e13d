import type { Db } from "../client";
import type { TargetStatus } from "../generated/prisma/client";

/** Enabled targets of a tenant, as the routing worker needs them. */
export async function listEnabledTargets(db: Db, tenantId: string) {
  return db.egressTarget.findMany({
    where: { tenantId, enabled: true },
    select: { id: true, tenantId: true, kind: true, name: true, config: true, filters: true, payloadFormat: true },
  });
}

/** Every enabled target of the installation with what a delivery worker needs to run it (secrets
 * and connector state still sealed). */
export async function listEnabledTargetsForDelivery(db: Db) {
  return db.egressTarget.findMany({
    where: { enabled: true },
    select: {
      id: true,
      tenantId: true,
      kind: true,
      name: true,
      config: true,
      secretsEnc: true,
      stateEnc: true,
      payloadFormat: true,
      updatedAt: true,
      tenant: { select: { slug: true } },
    },
  });
}

export interface DeliveryCounters {
  delivered: number;
  failed: number;
  retried: number;
  lastError?: { message: string; at: Date };
  lastSuccessAt?: Date;
  backlog?: number;
}

/** Adds counters gathered in memory since the last flush (delivery never writes per message). */
export async function applyDeliveryCounters(db: Db, tenantId: string, targetId: string, c: DeliveryCounters) {
  await db.egressTarget.updateMany({
    where: { id: targetId, tenantId },
    data: {
      ...(c.delivered ? { delivered: { increment: c.delivered } } : {}),
      ...(c.failed ? { failed: { increment: c.failed } } : {}),
      ...(c.retried ? { retried: { increment: c.retried } } : {}),
      ...(c.lastError ? { lastError: c.lastError.message.slice(0, 1000), lastErrorAt: c.lastError.at } : {}),
      ...(c.lastSuccessAt ? { lastSuccessAt: c.lastSuccessAt } : {}),
      ...(c.backlog !== undefined ? { backlog: c.backlog } : {}),
    },
  });
}

/** Health as the circuit breaker sees it; written on changes only. */
export async function setTargetStatus(db: Db, tenantId: string, targetId: string, status: TargetStatus, lastError?: string) {
  await db.egressTarget.updateMany({
    where: { id: targetId, tenantId, enabled: true },
    data: { status, ...(lastError ? { lastError: lastError.slice(0, 1000), lastErrorAt: new Date() } : {}) },
  });
}

/** Connector state kept between runs (EnOS device secret, agrirouter onboarding), sealed. */
export async function saveTargetState(db: Db, tenantId: string, targetId: string, stateEnc: string | null) {
  await db.egressTarget.updateMany({ where: { id: targetId, tenantId }, data: { stateEnc } });
}

/** Kept for callers that record one result at a time. */
export async function recordDeliveryResult(
  db: Db,
  tenantId: string,
  targetId: string,
  result: { delivered: number } | { error: string; retried?: boolean },
) {
  const now = new Date();
  if ("delivered" in result) {
    await applyDeliveryCounters(db, tenantId, targetId, { delivered: result.delivered, failed: 0, retried: 0, lastSuccessAt: now });
  } else {
    await applyDeliveryCounters(db, tenantId, targetId, {
      delivered: 0,
      failed: 1,
      retried: result.retried ? 1 : 0,
      lastError: { message: result.error, at: now },
    });
  }
}
