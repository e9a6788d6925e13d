import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import { generateToken, hashToken, tokenMatches } from "../crypto/tokens";
import type { IntegrationStatus } from "../generated/prisma/client";

/** A tenant's The Things Stack integration as the portal shows it (no secrets). */
export async function getTtsIntegration(db: Db, tenantId: string) {
  const row = await db.ttsIntegration.findUnique({ where: { tenantId } });
  return {
    webhookConfigured: Boolean(row?.webhookSecretHash),
    webhookSecretHint: row?.webhookSecretHint ?? null,
    mqttEnabled: row?.mqttEnabled ?? false,
    mqttUrl: row?.mqttUrl ?? null,
    mqttUsername: row?.mqttUsername ?? null,
    mqttApiKeySet: Boolean(row?.mqttApiKeyEnc),
    mqttStatus: row?.mqttEnabled ? row.mqttStatus : ("DISABLED" as IntegrationStatus),
    mqttLastError: row?.mqttLastError ?? null,
    mqttLastErrorAt: row?.mqttLastErrorAt ?? null,
    mqttConnectedAt: row?.mqttConnectedAt ?? null,
    lastUplinkAt: row?.lastUplinkAt ?? null,
  };
}

/** Creates (or replaces) the tenant's webhook secret; the secret is returned once, stored hashed. */
export async function rotateTtsWebhookSecret(db: Db, tenantId: string): Promise<{ secret: string }> {
  const secret = generateToken("twh_");
  const data = { webhookSecretHash: hashToken(secret), webhookSecretHint: secret.slice(0, 8) };
  await db.ttsIntegration.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  return { secret };
}

/** Turns the webhook off (the secret stops working). */
export async function revokeTtsWebhookSecret(db: Db, tenantId: string): Promise<void> {
  await db.ttsIntegration.updateMany({ where: { tenantId }, data: { webhookSecretHash: null, webhookSecretHint: null } });
}

/** The tenant whose webhook secret this is, looked up by its slug; null when the slug or the
 * secret is wrong (callers answer both alike). */
export async function verifyTtsWebhook(db: Db, tenantSlug: string, secret: string): Promise<{ tenantId: string } | null> {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true, ttsIntegration: { select: { webhookSecretHash: true } } } });
  const hash = tenant?.ttsIntegration?.webhookSecretHash;
  if (!tenant || !hash || !tokenMatches(secret, hash)) return null;
  return { tenantId: tenant.id };
}

export interface TtsMqttSettings {
  enabled: boolean;
  url: string;
  /** "{application id}@{tenant id}" */
  username: string;
  /** write-only: a string replaces the stored key, undefined keeps it */
  apiKey?: string;
}

/** Saves the MQTT integration settings (the API key sealed). */
export async function saveTtsMqttSettings(db: Db, box: SecretBox, tenantId: string, settings: TtsMqttSettings): Promise<void> {
  const data = {
    mqttEnabled: settings.enabled,
    mqttUrl: settings.url,
    mqttUsername: settings.username,
    ...(settings.apiKey !== undefined ? { mqttApiKeyEnc: box.seal(settings.apiKey) } : {}),
    mqttStatus: (settings.enabled ? "UNKNOWN" : "DISABLED") as IntegrationStatus,
    mqttLastError: null,
    mqttLastErrorAt: null,
  };
  await db.ttsIntegration.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
}

/** One tenant's enabled MQTT integration, as a subscriber needs it (API key decrypted). */
export interface TtsMqttSubscription {
  tenantId: string;
  url: string;
  username: string;
  apiKey: string;
  /** changes whenever the settings change: a running subscription with another version restarts */
  version: string;
}

/** Every enabled MQTT integration of the installation. */
export async function listTtsMqttSubscriptions(db: Db, box: SecretBox): Promise<TtsMqttSubscription[]> {
  const rows = await db.ttsIntegration.findMany({
    where: { mqttEnabled: true, mqttUrl: { not: null }, mqttUsername: { not: null }, mqttApiKeyEnc: { not: null } },
    select: { tenantId: true, mqttUrl: true, mqttUsername: true, mqttApiKeyEnc: true, updatedAt: true },
  });
  return rows.map((r) => ({
    tenantId: r.tenantId,
    url: r.mqttUrl!,
    username: r.mqttUsername!,
    apiKey: box.open(r.mqttApiKeyEnc!),
    version: `${r.mqttUrl}|${r.mqttUsername}|${r.mqttApiKeyEnc}`,
  }));
}

/** What the subscriber reports: connected, or failing with the error people should see. */
export async function recordTtsMqttStatus(db: Db, tenantId: string, status: { connected: true } | { connected: false; error: string }): Promise<void> {
  const now = new Date();
  await db.ttsIntegration.updateMany({
    where: { tenantId, mqttEnabled: true },
    data: status.connected
      ? { mqttStatus: "CONNECTED", mqttConnectedAt: now }
      : { mqttStatus: "FAILING", mqttLastError: status.error.slice(0, 500), mqttLastErrorAt: now },
  });
}

/** Notes that an uplink arrived (the integrations page shows when the last one did). */
export async function recordTtsUplinkSeen(db: Db, tenantId: string, at: Date): Promise<void> {
  await db.ttsIntegration.updateMany({ where: { tenantId }, data: { lastUplinkAt: at } });
}
