import type { Db } from "../client";
import type { Role } from "../generated/prisma/client";
import { DataError, notFound } from "./data-error";

export async function listMembers(db: Db, tenantId: string) {
  const rows = await db.membership.findMany({
    where: { tenantId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true, lastLoginAt: true } } },
  });
  return rows;
}

async function ownerCount(db: Db, tenantId: string) {
  return db.membership.count({ where: { tenantId, role: "OWNER" } });
}

/** Changes a member's role. A tenant always keeps at least one owner, and only owners make or
 * unmake owners. */
export async function changeMemberRole(db: Db, tenantId: string, userId: string, role: Role, actorRole: Role) {
  const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!membership) throw notFound("member");
  if ((membership.role === "OWNER" || role === "OWNER") && actorRole !== "OWNER") {
    throw new DataError("INVALID", "only owners can make or unmake owners");
  }
  if (membership.role === "OWNER" && role !== "OWNER" && (await ownerCount(db, tenantId)) <= 1) {
    throw new DataError("CONFLICT", "a tenant needs at least one owner: make someone else owner first");
  }
  return db.membership.update({ where: { id: membership.id }, data: { role } });
}

export async function removeMember(db: Db, tenantId: string, userId: string, actorRole: Role) {
  const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!membership) throw notFound("member");
  if (membership.role === "OWNER" && actorRole !== "OWNER") throw new DataError("INVALID", "only owners can remove an owner");
  if (membership.role === "OWNER" && (await ownerCount(db, tenantId)) <= 1) {
    throw new DataError("CONFLICT", "a tenant needs at least one owner: make someone else owner first");
  }
  await db.membership.delete({ where: { id: membership.id } });
  return { userId };
}

/** The tenants a user belongs to, for the tenant switcher. */
export async function listUserTenants(db: Db, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.tenant, role: r.role }));
}
