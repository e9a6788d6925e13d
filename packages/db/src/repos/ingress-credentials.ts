import type { Db } from "../client";
import { generateToken, hashToken } from "../crypto/tokens";
import { hashPassword } from "../crypto/password-hash";

/** Creates a bearer token for a generic gateway. The token is returned once and stored hashed. */
export async function createGatewayToken(
  db: Db,
  tenantId: string,
  input: { name: string; token?: string },
): Promise<{ id: string; token: string }> {
  const token = input.token ?? generateToken("twg_");
  const row = await db.ingressCredential.create({
    data: {
      tenantId,
      kind: "GATEWAY_TOKEN",
      name: input.name,
      tokenHash: hashToken(token),
      tokenHint: token.slice(0, 8),
    },
  });
  return { id: row.id, token };
}

/** Resolves a gateway's bearer token to its tenant; revoked tokens resolve to nothing. */
export async function findGatewayToken(db: Db, token: string) {
  const row = await db.ingressCredential.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, tenantId: true, name: true, revokedAt: true, allowedMacs: true },
  });
  if (!row || row.revokedAt) return null;
  return row;
}

/** Creates or replaces the Aruba username/password of a tenant. */
export async function upsertArubaCredential(
  db: Db,
  tenantId: string,
  input: { name: string; username: string; password: string; allowedMacs?: string[] },
) {
  const passwordHash = await hashPassword(input.password);
  return db.ingressCredential.upsert({
    where: { username: input.username },
    create: {
      tenantId,
      kind: "ARUBA",
      name: input.name,
      username: input.username,
      passwordHash,
      allowedMacs: input.allowedMacs ?? [],
    },
    update: { tenantId, name: input.name, passwordHash, allowedMacs: input.allowedMacs ?? [], revokedAt: null },
    select: { id: true, tenantId: true, username: true },
  });
}

/** An Aruba credential by the username the access points log in with (usernames are unique
 * across tenants). Revoked credentials resolve to nothing. */
export async function findArubaCredential(db: Db, username: string) {
  const row = await db.ingressCredential.findUnique({
    where: { username },
    select: { id: true, tenantId: true, kind: true, passwordHash: true, allowedMacs: true, revokedAt: true },
  });
  if (!row || row.kind !== "ARUBA" || row.revokedAt || !row.passwordHash) return null;
  return { id: row.id, tenantId: row.tenantId, passwordHash: row.passwordHash, allowedMacs: row.allowedMacs };
}

/** Records a successful gateway login (informative; callers do not wait for it). */
export async function touchIngressCredential(db: Db, credentialId: string) {
  await db.ingressCredential.update({ where: { id: credentialId }, data: { lastUsedAt: new Date() } });
}

/** Normalises a certificate fingerprint: SHA-256 as 64 lower-case hex digits, with or without
 * the colons openssl prints. */
export function normalizeCertFingerprint(input: string): string {
  const hex = input.trim().toLowerCase().replace(/^sha256 fingerprint=/, "").replace(/[\s:]/g, "");
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error("a certificate fingerprint is a SHA-256 hash: 64 hex digits");
  return hex;
}

/** Creates a credential that lets a generic gateway authenticate with a client certificate
 * (its SHA-256 fingerprint) instead of a bearer token. */
export async function createGatewayCertificateCredential(db: Db, tenantId: string, input: { name: string; fingerprint: string }) {
  return db.ingressCredential.create({
    data: { tenantId, kind: "GATEWAY_TOKEN", name: input.name, certFingerprint: normalizeCertFingerprint(input.fingerprint) },
    select: { id: true, tenantId: true, name: true, certFingerprint: true },
  });
}

/** Resolves a client certificate's fingerprint to its credential; revoked ones to nothing. */
export async function findGatewayCertificate(db: Db, fingerprint: string) {
  const row = await db.ingressCredential.findUnique({
    where: { certFingerprint: normalizeCertFingerprint(fingerprint) },
    select: { id: true, tenantId: true, name: true, revokedAt: true, allowedMacs: true },
  });
  if (!row || row.revokedAt) return null;
  return row;
}
