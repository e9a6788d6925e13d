import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";

export interface AuditEntryInput {
  tenantId: string | null;
  actorUserId?: string | null;
  actorApiKey?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, entry: AuditEntryInput) {
  await db.auditLogEntry.create({
    data: {
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId ?? null,
      actorApiKey: entry.actorApiKey ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: (entry.details ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/** A page of the tenant's audit log, newest first, with who did it. */
export async function listAudit(db: Db, tenantId: string, options: { before?: bigint; take?: number; action?: string } = {}) {
  const take = Math.min(options.take ?? 50, 200);
  const rows = await db.auditLogEntry.findMany({
    where: {
      tenantId,
      ...(options.before ? { id: { lt: options.before } } : {}),
      ...(options.action ? { action: { startsWith: options.action } } : {}),
    },
    orderBy: { id: "desc" },
    take,
  });
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((v): v is string => v !== null))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );
  return rows.map((r) => ({ ...r, actorEmail: r.actorUserId ? (users.get(r.actorUserId) ?? null) : null }));
}
