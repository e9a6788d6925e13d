import { mqttKeyTenant, verifyApiKey, type Db } from "@tidewire/db";
import type { BrokerIdentity } from "./tenant-access";

/** An API key may log in to MQTT when its secret matches and it has the "mqtt" scope. */
export function mqttApiKeyVerifier(db: Db): (keyId: string, secret: string) => Promise<BrokerIdentity | null> {
  return async (keyId, secret) => {
    const key = await verifyApiKey(db, keyId, secret);
    return key && key.scopes.includes("mqtt") ? { tenantId: key.tenantId, tenantSlug: key.tenantSlug } : null;
  };
}

/** The tenant of an MQTT key id (no secret), remembered for `ttlMs`: an external broker asks for
 * every publish and subscribe of a client it has already authenticated. A revoked key stops
 * being authorised within `ttlMs`. */
export function cachedMqttKeyTenant(db: Db, ttlMs = 10_000, maxEntries = 50_000): (keyId: string) => Promise<BrokerIdentity | null> {
  const cache = new Map<string, { at: number; identity: BrokerIdentity | null }>();
  return async (keyId) => {
    const hit = cache.get(keyId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.identity;
    const identity = await mqttKeyTenant(db, keyId);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(keyId, { at: Date.now(), identity });
    return identity;
  };
}
