import type { Redis } from "ioredis";
import type { Env } from "@tidewire/config";
import { hashToken, upsertArubaCredential, upsertTenant, type Db, type SecretBox } from "@tidewire/db";
import { saveEgressTarget, type SaveTargetInput } from "@tidewire/egress";
import type { Logger } from "../logging/logger";

export const IOTC_MQTT_TARGET = "IoTC MQTT (MQTT_CONNSTRING)";
export const IOTC_AZURE_TARGET = "IoTC Azure IoT Hub (IOT_AZURE_CONNSTRING)";

type IotcEnv = Pick<
  Env,
  | "IOTC_TENANT_SLUG"
  | "IOT_ARUBA_USERNAME"
  | "IOT_ARUBA_PASSWORD"
  | "MQTT_LOCAL_EGRESS_ENABLE"
  | "MQTT_CONNSTRING"
  | "IOTC_MQTT_TOPIC"
  | "IOT_AZURE_ENABLE"
  | "IOT_AZURE_CONNSTRING"
  | "BASIC_AUTH_USERNAME"
  | "BASIC_AUTH_PASSWORD"
  | "REDIS_PREFIX"
>;

/** IoTC set an *_ENABLE variable to enable an endpoint, whatever its value ("1" in its examples). */
const enabled = (v: string | undefined) => v !== undefined && !/^(0|false|no)$/i.test(v.trim());

/** MQTT_CONNSTRING: a URL (mqtt://user:pass@host:1883) or host[:port]. */
export function mqttTargetFromConnString(connString: string, topic: string): Pick<SaveTargetInput, "config" | "secrets"> {
  const url = new URL(/^[a-z]+:\/\//i.test(connString) ? connString : `mqtt://${connString}`);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = "";
  url.password = "";
  return {
    config: { url: url.toString().replace(/\/$/, ""), topic, qos: 1, ...(username ? { username } : {}) },
    secrets: password ? { password } : {},
  };
}

/** Moving over from IoTC: when its variables are set, start-up creates or updates a default tenant
 * with the Aruba credentials, the API login (BASIC_AUTH_* as an API key: key id = user name,
 * secret = password) and the MQTT / Azure IoT Hub targets. Runs on every start; idempotent. */
export async function applyIotcEnvironment(db: Db, box: SecretBox, redis: Redis, env: IotcEnv, log: Logger) {
  const wantsAruba = Boolean(env.IOT_ARUBA_USERNAME && env.IOT_ARUBA_PASSWORD);
  const wantsMqtt = enabled(env.MQTT_LOCAL_EGRESS_ENABLE) && Boolean(env.MQTT_CONNSTRING);
  const wantsAzure = enabled(env.IOT_AZURE_ENABLE) && Boolean(env.IOT_AZURE_CONNSTRING);
  const wantsApi = Boolean(env.BASIC_AUTH_USERNAME && env.BASIC_AUTH_PASSWORD);
  if (enabled(env.MQTT_LOCAL_EGRESS_ENABLE) && !env.MQTT_CONNSTRING) log.warn("MQTT_LOCAL_EGRESS_ENABLE is set without MQTT_CONNSTRING; no MQTT target made");
  if (enabled(env.IOT_AZURE_ENABLE) && !env.IOT_AZURE_CONNSTRING) log.warn("IOT_AZURE_ENABLE is set without IOT_AZURE_CONNSTRING; no Azure target made");
  if (!wantsAruba && !wantsMqtt && !wantsAzure && !wantsApi) return null;

  const tenant = await upsertTenant(db, { slug: env.IOTC_TENANT_SLUG, name: "Default (IoTC)" });
  const applied: string[] = [];
  if (wantsAruba) {
    await upsertArubaCredential(db, tenant.id, { name: "IoTC Aruba access points", username: env.IOT_ARUBA_USERNAME!, password: env.IOT_ARUBA_PASSWORD! });
    applied.push("aruba");
  }
  if (wantsApi) {
    await db.apiKey.upsert({
      where: { keyId: env.BASIC_AUTH_USERNAME! },
      create: { tenantId: tenant.id, name: "IoTC API login (BASIC_AUTH_USERNAME)", keyId: env.BASIC_AUTH_USERNAME!, secretHash: hashToken(env.BASIC_AUTH_PASSWORD!), scopes: ["read", "write"] },
      update: { tenantId: tenant.id, secretHash: hashToken(env.BASIC_AUTH_PASSWORD!), revokedAt: null },
    });
    applied.push("api");
  }
  const deps = { db, box, redis, prefix: env.REDIS_PREFIX };
  const upsertTarget = async (name: string, input: Omit<SaveTargetInput, "name" | "enabled">) => {
    const existing = await db.egressTarget.findFirst({ where: { tenantId: tenant.id, name }, select: { id: true } });
    await saveEgressTarget(deps, tenant.id, { ...input, name, enabled: true, ...(existing ? { id: existing.id } : {}) });
  };
  if (wantsMqtt) {
    await upsertTarget(IOTC_MQTT_TARGET, { kind: "MQTT", ...mqttTargetFromConnString(env.MQTT_CONNSTRING!, env.IOTC_MQTT_TOPIC) });
    applied.push("mqtt");
  }
  if (wantsAzure) {
    await upsertTarget(IOTC_AZURE_TARGET, { kind: "AZURE_IOT_HUB", config: { auth: "sas", identity: "single" }, secrets: { connectionString: env.IOT_AZURE_CONNSTRING! } });
    applied.push("azure");
  }
  return { tenant: tenant.slug, applied };
}
