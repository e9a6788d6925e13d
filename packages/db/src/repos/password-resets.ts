import type { Db } from "../client";
import { hashPassword } from "../crypto/password-hash";
import { generateToken, hashToken } from "../crypto/tokens";
import { DataError } from "./data-error";

const RESET_MINUTES = 60;

/** Starts a password reset. Answers the token (for the e-mail) or null when no account with a
 * password has that address — the caller says the same thing either way, so the form cannot be
 * used to find out who has an account. */
export async function createPasswordReset(db: Db, email: string, now: Date = new Date()) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
  if (!user) return null;
  const token = generateToken("twr_", 24);
  await db.$transaction([
    // One live link at a time: asking again invalidates the previous one.
    db.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    db.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000) },
    }),
  ]);
  return { token, email: user.email };
}

/** Sets a new password with a reset token; the token works once and only until it expires. */
export async function resetPassword(db: Db, token: string, password: string, now: Date = new Date()) {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt) throw new DataError("NOT_FOUND", "this reset link is not valid; ask for a new one");
  if (row.expiresAt <= now) throw new DataError("EXPIRED", "this reset link has expired; ask for a new one");
  const passwordHash = await hashPassword(password);
  // Claim the token and set the password together, so a link cannot be used twice in a race.
  return db.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count === 0) throw new DataError("NOT_FOUND", "this reset link is not valid; ask for a new one");
    return tx.user.update({ where: { id: row.userId }, data: { passwordHash }, select: { id: true, email: true } });
  });
}
