import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, SecretBox, verifyApiKey } from "@tidewire/db";
import { createRedis } from "../redis/connections";
import { applyIotcEnvironment, IOTC_AZURE_TARGET, IOTC_MQTT_TARGET, mqttTargetFromConnString } from "./iotc-environment";

const db = createDb(process.env.DATABASE_URL!);
const box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
const redis = createRedis(process.env.REDIS_URL!);
const log = pino({ level: "silent" });

afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

const KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const env = {
  IOTC_TENANT_SLUG: "iotc-default",
  IOT_ARUBA_USERNAME: "aruba-user",
  IOT_ARUBA_PASSWORD: "aruba-pass",
  MQTT_LOCAL_EGRESS_ENABLE: "1",
  MQTT_CONNSTRING: "mqtt://broker-user:broker%20pass@mosquitto:1883",
  IOTC_MQTT_TOPIC: "sensor/{sourceEurid}/telemetry",
  IOT_AZURE_ENABLE: "1",
  IOT_AZURE_CONNSTRING: `HostName=myhub.azure-devices.net;DeviceId=device1;SharedAccessKey=${KEY}`,
  BASIC_AUTH_USERNAME: "iotc-api-user",
  BASIC_AUTH_PASSWORD: "iotc-api-pass",
  REDIS_PREFIX: process.env.REDIS_PREFIX!,
};

describe("IoTC environment", () => {
  it("reads MQTT_CONNSTRING as a URL or host:port, keeping the password a secret", () => {
    expect(mqttTargetFromConnString("mqtt://u:p%40ss@host:1883", "t/{sourceEurid}")).toEqual({
      config: { url: "mqtt://host:1883", topic: "t/{sourceEurid}", qos: 1, username: "u" },
      secrets: { password: "p@ss" },
    });
    expect(mqttTargetFromConnString("broker.local:1884", "t").config.url).toBe("mqtt://broker.local:1884");
  });

  it("creates the default tenant with the Aruba credential, the API login and both targets, and updates them in place on the next start", async () => {
    expect(await applyIotcEnvironment(db, box, redis, env, log)).toEqual({ tenant: "iotc-default", applied: ["aruba", "api", "mqtt", "azure"] });
    await applyIotcEnvironment(db, box, redis, { ...env, BASIC_AUTH_PASSWORD: "rotated-pass" }, log);
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "iotc-default" }, include: { egressTargets: true, ingressCredentials: true } });
    expect(tenant.egressTargets.map((t) => [t.name, t.kind]).sort()).toEqual([
      [IOTC_AZURE_TARGET, "AZURE_IOT_HUB"],
      [IOTC_MQTT_TARGET, "MQTT"],
    ]);
    const mqttTarget = tenant.egressTargets.find((t) => t.kind === "MQTT")!;
    expect(box.openJson(mqttTarget.secretsEnc!)).toEqual({ password: "broker pass" });
    expect(JSON.stringify(mqttTarget.config)).not.toContain("broker pass");
    expect(tenant.ingressCredentials.map((c) => c.username)).toEqual(["aruba-user"]);
    expect(await verifyApiKey(db, "iotc-api-user", "iotc-api-pass")).toBeNull();
    expect(await verifyApiKey(db, "iotc-api-user", "rotated-pass")).toMatchObject({ tenantId: tenant.id });
  });

  it("does nothing when no IoTC variable is set", async () => {
    expect(await applyIotcEnvironment(db, box, redis, { IOTC_TENANT_SLUG: "unused", IOTC_MQTT_TOPIC: "t", REDIS_PREFIX: env.REDIS_PREFIX }, log)).toBeNull();
  });
});
