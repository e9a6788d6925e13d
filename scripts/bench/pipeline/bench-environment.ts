// The benchmark's own world: a database dropped and migrated afresh, a Redis key prefix, a tenant
// with a license, 20,000 onboarded sensors (the simulator's fleet), 100 registered gateways, the
// built-in broker target, an MQTT target on Mosquitto, and an API key for the built-in broker.
import { randomBytes } from "node:crypto";
import {
  BUILTIN_TARGET_NAME,
  createApiKey,
  createDb,
  createGatewayToken,
  issueLicense,
  registerGateway,
  SecretBox,
  upsertDevices,
  upsertTenant,
  type Db,
} from "@tidewire/db";
import { applyMigrations, dropDatabase, ensureDatabase } from "@tidewire/db/admin";
import { saveEgressTarget } from "@tidewire/egress";
import { generateLicenseKeyPair } from "@tidewire/license";
import { createFleet } from "@tidewire/testkit";
import { Redis } from "ioredis";
import type { BenchOptions } from "./bench-options";
import { FLEET_SEED } from "./simulator-messages";

export interface BenchWorld {
  db: Db;
  /** the environment every role process gets */
  env: Record<string, string>;
  tenantId: string;
  gatewayToken: string;
  builtinKey: { username: string; password: string };
  /** topic prefix of the MQTT target on Mosquitto */
  mqttTopicRoot: string;
  secureSensors: number;
  close(): Promise<void>;
}

export const MQTT_TOPIC_ROOT = "bench";

export async function prepareWorld(options: BenchOptions, mosquittoUrl: string): Promise<BenchWorld> {
  await dropDatabase(options.databaseUrl).catch(() => undefined);
  await ensureDatabase(options.databaseUrl);
  await applyMigrations(options.databaseUrl);
  const license = generateLicenseKeyPair();
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: `twbench:${Date.now().toString(36)}`,
    TIDEWIRE_MASTER_KEY: randomBytes(32).toString("base64"),
    BROKER_INTERNAL_SECRET: randomBytes(24).toString("base64url"),
    LICENSE_PUBLIC_KEY: license.publicKey,
  };
  const db = createDb(options.databaseUrl);
  const box = new SecretBox(env.TIDEWIRE_MASTER_KEY);
  const tenant = await upsertTenant(db, { slug: "bench", name: "Benchmark" });
  const day = 24 * 3600_000;
  await issueLicense(
    db,
    tenant.id,
    { maxDevices: options.sensors + 1000, maxGateways: options.gateways, maxMessagesPerDay: 1_000_000_000, retentionDays: 7, validFrom: new Date(Date.now() - day), validUntil: new Date(Date.now() + day) },
    license.privateKey,
  );
  const { token } = await createGatewayToken(db, tenant.id, { name: "benchmark gateways" });
  for (let i = 1; i <= options.gateways; i++) {
    await registerGateway(db, tenant.id, { kind: "SIMULATOR", mac: `bench-gw-${String(i).padStart(3, "0")}` }, { licensePublicKey: license.publicKey });
  }
  const fleet = createFleet({ sensors: options.sensors, gateways: options.gateways, hearing: options.hearing, secureShare: options.secureShare, seed: FLEET_SEED });
  for (let i = 0; i < fleet.length; i += 2000) {
    await upsertDevices(
      db,
      box,
      tenant.id,
      fleet.slice(i, i + 2000).map((s) => ({
        sourceEurid: s.eurid,
        eep: s.eep,
        friendlyId: `bench ${s.eep} ${s.eurid}`,
        location: `floor ${(parseInt(s.eurid, 16) % 12) + 1}`,
        tags: ["bench"],
        ...(s.security ? { aesKey: s.security.aesKey, slf: s.security.slf } : {}),
      })),
    );
  }
  await db.egressTarget.create({
    data: { tenantId: tenant.id, kind: "BUILTIN_MQTT", name: BUILTIN_TARGET_NAME, config: { topic: "devices/{sourceEurid}/telemetry", qos: 1 } },
  });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  await saveEgressTarget({ db, box, redis, prefix: env.REDIS_PREFIX }, tenant.id, {
    kind: "MQTT",
    name: "Mosquitto",
    config: { url: mosquittoUrl, topic: `${MQTT_TOPIC_ROOT}/{sourceEurid}`, qos: 1 },
    secrets: {},
  });
  redis.disconnect();
  const key = await createApiKey(db, tenant.id, { name: "bench consumer", scopes: ["mqtt"] });
  return {
    db,
    env,
    tenantId: tenant.id,
    gatewayToken: token,
    builtinKey: { username: key.keyId, password: key.secret },
    mqttTopicRoot: MQTT_TOPIC_ROOT,
    secureSensors: fleet.filter((s) => s.security).length,
    close: () => db.$disconnect(),
  };
}

/** Frames counted for the tenant's gateways and telegrams counted for its devices (the workers
 * write these statistics every two seconds). */
export async function countedSoFar(db: Db, tenantId: string): Promise<{ frames: number; telegrams: number }> {
  const [g] = await db.$queryRaw<{ n: bigint | null }[]>`SELECT sum("totalTelegramCount") AS n FROM "GatewayStats" WHERE "tenantId" = ${tenantId}`;
  const [d] = await db.$queryRaw<{ n: bigint | null }[]>`SELECT sum("totalTelegramCount") AS n FROM "DeviceStats" WHERE "tenantId" = ${tenantId}`;
  return { frames: Number(g?.n ?? 0), telegrams: Number(d?.n ?? 0) };
}
