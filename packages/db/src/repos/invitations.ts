import type { Db } from "../client";
import { hashPassword } from "../crypto/password-hash";
import { generateToken, hashToken } from "../crypto/tokens";
import type { Role } from "../generated/prisma/client";
import { DataError, notFound } from "./data-error";

const INVITATION_DAYS = 7;

/** Invites someone by e-mail. The token is returned once (for the e-mail and the inviter's
 * copy-link button) and stored hashed. Inviting the same address again replaces the old link. */
export async function createInvitation(
  db: Db,
  tenantId: string,
  input: { email: string; role: Role; invitedById?: string },
  now: Date = new Date(),
) {
  const email = input.email.trim().toLowerCase();
  const member = await db.membership.findFirst({ where: { tenantId, user: { email } }, select: { id: true } });
  if (member) throw new DataError("CONFLICT", `${email} is already a member`);
  const token = generateToken("twi_", 24);
  const [, invitation] = await db.$transaction([
    db.invitation.deleteMany({ where: { tenantId, email, acceptedAt: null } }),
    db.invitation.create({
      data: {
        tenantId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        ...(input.invitedById ? { invitedById: input.invitedById } : {}),
      },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return { invitation, token };
}

export async function listInvitations(db: Db, tenantId: string) {
  return db.invitation.findMany({
    where: { tenantId, acceptedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeInvitation(db: Db, tenantId: string, invitationId: string) {
  const { count } = await db.invitation.deleteMany({ where: { id: invitationId, tenantId, acceptedAt: null } });
  if (count === 0) throw notFound("invitation");
  return { id: invitationId };
}

/** What the invitation page shows before accepting (no secrets). */
export async function findInvitation(db: Db, token: string, now: Date = new Date()) {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      tenant: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!row || row.acceptedAt) throw notFound("invitation");
  if (row.expiresAt <= now) throw new DataError("EXPIRED", "this invitation has expired; ask for a new one");
  const account = await db.user.findUnique({ where: { email: row.email }, select: { id: true } });
  return { ...row, hasAccount: account !== null };
}

/** Accepts an invitation. A person without an account creates one here (name and password);
 * an existing account must be the one signed in, so nobody joins a tenant on someone else's
 * behalf. */
export async function acceptInvitation(
  db: Db,
  token: string,
  who: { signedInUserId: string } | { name: string; password: string },
  now: Date = new Date(),
) {
  const invitation = await findInvitation(db, token, now);
  let userId: string;
  const existing = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  if ("signedInUserId" in who) {
    if (!existing || existing.id !== who.signedInUserId) {
      throw new DataError("INVALID", `this invitation is for ${invitation.email}; sign in with that account`);
    }
    userId = existing.id;
  } else {
    if (existing) throw new DataError("CONFLICT", `an account for ${invitation.email} exists: sign in first, then accept`);
    const user = await db.user.create({
      data: { email: invitation.email, name: who.name, passwordHash: await hashPassword(who.password) },
    });
    userId = user.id;
  }
  await db.$transaction([
    db.membership.upsert({
      where: { tenantId_userId: { tenantId: invitation.tenant.id, userId } },
      create: { tenantId: invitation.tenant.id, userId, role: invitation.role },
      update: { role: invitation.role },
    }),
    db.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } }),
  ]);
  return { userId, tenant: invitation.tenant, email: invitation.email };
}
