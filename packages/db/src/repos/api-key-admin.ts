import type { Db } from "../client";
import { notFound } from "./data-error";

const publicApiKeySelect = {
  id: true,
  name: true,
  keyId: true,
  scopes: true,
  rateLimitPerSecond: true,
  rateLimitPerMinute: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** The tenant's API keys: id, name, scopes and use; the secret's hash never leaves the table. */
export async function listApiKeys(db: Db, tenantId: string) {
  return db.apiKey.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, select: publicApiKeySelect });
}

export async function revokeApiKey(db: Db, tenantId: string, id: string) {
  const { count } = await db.apiKey.updateMany({ where: { id, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("active API key");
  return db.apiKey.findUniqueOrThrow({ where: { id }, select: publicApiKeySelect });
}

/** Rate limits of a key, for the API's limiter (null: the installation default). */
export async function apiKeyLimits(db: Db, id: string) {
  return db.apiKey.findUnique({ where: { id }, select: { rateLimitPerSecond: true, rateLimitPerMinute: true } });
}
