import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random, URL-safe secret with a recognisable prefix ("twg_" gateway, "tws_" API secret). */
export function generateToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** Tokens are high-entropy, so a fast hash is enough to store them (unlike passwords). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
