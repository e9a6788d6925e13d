import type { Db } from "../client";
import type { Role } from "../generated/prisma/client";
import { hashPassword } from "../crypto/password-hash";

export async function getTenantBySlug(db: Db, slug: string) {
  return db.tenant.findUnique({ where: { slug } });
}

export async function upsertTenant(db: Db, input: { slug: string; name: string }) {
  if (!/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/.test(input.slug)) {
    throw new Error("tenant slug: 3-40 lower-case letters, digits or dashes");
  }
  return db.tenant.upsert({
    where: { slug: input.slug },
    create: input,
    update: { name: input.name },
  });
}

/** Creates or updates a user; the password is (re)hashed when given. */
export async function upsertUser(
  db: Db,
  input: { email: string; name?: string; password?: string; isPlatformAdmin?: boolean },
) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.user.upsert({
    where: { email },
    create: {
      email,
      name: input.name ?? "",
      isPlatformAdmin: input.isPlatformAdmin ?? false,
      ...(passwordHash ? { passwordHash } : {}),
    },
    update: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.isPlatformAdmin !== undefined ? { isPlatformAdmin: input.isPlatformAdmin } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    },
  });
}

export async function setMembership(db: Db, tenantId: string, userId: string, role: Role) {
  return db.membership.upsert({
    where: { tenantId_userId: { tenantId, userId } },
    create: { tenantId, userId, role },
    update: { role },
  });
}

export async function findUserByEmail(db: Db, email: string) {
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    include: { memberships: { include: { tenant: { select: { id: true, slug: true, name: true } } } } },
  });
}
