import "server-only";
import type { Db } from "@tidewire/db";

/** Finds (or, for someone with a pending invitation, creates) the Tidewire account of a person
 * signing in through the OpenID Connect provider. Accounts are linked by the provider's subject
 * once, then by nothing else; the first link needs a verified e-mail that matches. Answers the
 * account id, or null to refuse the sign-in. */
export async function oidcAccount(db: Db, claims: { subject: string; email?: string | null; emailVerified?: boolean | null; name?: string | null }): Promise<string | null> {
  const linked = await db.user.findUnique({ where: { oidcSubject: claims.subject }, select: { id: true } });
  if (linked) return linked.id;
  const email = claims.email?.trim().toLowerCase();
  if (!email || claims.emailVerified === false) return null;
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, oidcSubject: true } });
  if (existing) {
    if (existing.oidcSubject && existing.oidcSubject !== claims.subject) return null;
    await db.user.update({ where: { id: existing.id }, data: { oidcSubject: claims.subject } });
    return existing.id;
  }
  const invited = await db.invitation.findFirst({ where: { email, acceptedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
  if (!invited) return null;
  const user = await db.user.create({ data: { email, name: claims.name ?? "", oidcSubject: claims.subject } });
  return user.id;
}
