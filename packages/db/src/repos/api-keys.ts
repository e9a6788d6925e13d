import type { Db } from "../client";
import { generateToken, hashToken, tokenMatches } from "../crypto/tokens";

export const API_KEY_SCOPES = ["read", "write", "mqtt"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Creates an API key. The secret is returned once; only its hash is kept. */
export async function createApiKey(
  db: Db,
  tenantId: string,
  input: {
    name: string;
    scopes: ApiKeyScope[];
    createdById?: string;
    keyId?: string;
    secret?: string;
    rateLimitPerSecond?: number | null;
    rateLimitPerMinute?: number | null;
  },
): Promise<{ id: string; keyId: string; secret: string }> {
  const keyId = input.keyId ?? generateToken("tw_", 9);
  const secret = input.secret ?? generateToken("tws_", 24);
  const row = await db.apiKey.create({
    data: {
      tenantId,
      name: input.name,
      keyId,
      secretHash: hashToken(secret),
      scopes: input.scopes,
      rateLimitPerSecond: input.rateLimitPerSecond ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      ...(input.createdById ? { createdById: input.createdById } : {}),
    },
  });
  return { id: row.id, keyId, secret };
}

/** Checks a key id + secret; answers the tenant and scopes, or null. */
export async function verifyApiKey(db: Db, keyId: string, secret: string) {
  const row = await db.apiKey.findUnique({
    where: { keyId },
    select: {
      id: true,
      tenantId: true,
      scopes: true,
      secretHash: true,
      revokedAt: true,
      rateLimitPerSecond: true,
      rateLimitPerMinute: true,
      tenant: { select: { slug: true } },
    },
  });
  if (!row || row.revokedAt || !tokenMatches(secret, row.secretHash)) return null;
  // Last use is informative; do not make authentication wait for it.
  void db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenantSlug: row.tenant.slug,
    scopes: row.scopes,
    rateLimitPerSecond: row.rateLimitPerSecond,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/** The tenant of a key id that may use MQTT (not revoked, "mqtt" scope), without its secret:
 * for an MQTT broker's authorisation check of a client it already authenticated. */
export async function mqttKeyTenant(db: Db, keyId: string): Promise<{ tenantId: string; tenantSlug: string } | null> {
  const row = await db.apiKey.findUnique({ where: { keyId }, select: { tenantId: true, scopes: true, revokedAt: true, tenant: { select: { slug: true } } } });
  if (!row || row.revokedAt || !row.scopes.includes("mqtt")) return null;
  return { tenantId: row.tenantId, tenantSlug: row.tenant.slug };
}
