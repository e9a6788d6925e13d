import type { Db } from "../client";
import { Prisma } from "../generated/prisma/client";
import { DataError, notFound } from "./data-error";
import { normalizeMac } from "./eurid";
import { upsertArubaCredential } from "./ingress-credentials";

/** The tenant's gateway credentials without their secrets (no hashes; a token's first
 * characters so people can tell tokens apart). */
export async function listIngressCredentials(db: Db, tenantId: string) {
  return db.ingressCredential.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      kind: true,
      name: true,
      username: true,
      tokenHint: true,
      allowedMacs: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
      _count: { select: { gateways: true } },
    },
  });
}

export async function revokeIngressCredential(db: Db, tenantId: string, id: string) {
  const { count } = await db.ingressCredential.updateMany({ where: { id, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("active gateway credential");
  return { id };
}

/** Replaces the access-point allow-list of an Aruba credential (empty: any access point). */
export async function setAllowedMacs(db: Db, tenantId: string, id: string, macs: string[]) {
  const allowedMacs = [...new Set(macs.map(normalizeMac))];
  const { count } = await db.ingressCredential.updateMany({ where: { id, tenantId, kind: "ARUBA" }, data: { allowedMacs } });
  if (count === 0) throw notFound("Aruba credential");
  return { id, allowedMacs };
}

/** Aruba usernames are unique across tenants (the access point only sends the username), so a
 * username another tenant uses is refused rather than taken over. */
export async function assertArubaUsernameFree(db: Db, tenantId: string, username: string) {
  const other = await db.ingressCredential.findUnique({ where: { username }, select: { tenantId: true } });
  if (other && other.tenantId !== tenantId) throw new DataError("CONFLICT", `the username ${username} is taken; choose another`);
}

/** Creates the Aruba username/password access points of this tenant log in with, or changes
 * the password and allow-list of one it has. A username of another tenant is refused. */
export async function setArubaCredential(
  db: Db,
  tenantId: string,
  input: { name: string; username: string; password: string; allowedMacs?: string[] },
) {
  await assertArubaUsernameFree(db, tenantId, input.username);
  const allowedMacs = [...new Set((input.allowedMacs ?? []).map(normalizeMac))];
  try {
    return await upsertArubaCredential(db, tenantId, { ...input, allowedMacs });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DataError("CONFLICT", `the username ${input.username} is taken; choose another`);
    }
    throw error;
  }
}
