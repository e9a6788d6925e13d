// Entry point of the ingest/worker/broker process. ROLES picks what this process runs; all
// three together suit one machine, separate processes scale out.
import { loadConfigOrExit } from "@tidewire/config";
import { closeSqlPool, createDb, createSqlPool, SecretBox } from "@tidewire/db";
import { BuiltinBroker } from "./broker/builtin-broker";
import { cachedMqttKeyTenant, mqttApiKeyVerifier } from "./broker/mqtt-api-keys";
import { TenantAccess } from "./broker/tenant-access";
import { LoginRateLimiter } from "./ingest/auth/login-rate-limiter";
import { MqttAuthHook } from "./mqtt-auth/mqtt-auth-hook";
import { readPemSetting } from "./broker/pem-setting";
import { agrirouterApplicationFrom, deliveryPolicyFrom } from "./egress/agrirouter-application";
import { applyIotcEnvironment } from "./iotc/iotc-environment";
import { createMetricsRegistry, startMetricsServer } from "./metrics/metrics-server";
import { IngestRole } from "./ingest/ingest-role";
import { readTlsFiles } from "./ingest/tls-files";
import { createLogger } from "./logging/logger";
import { createRedis } from "./redis/connections";
import { WorkerRole } from "./worker/worker-role";

const config = loadConfigOrExit({ require: ["TIDEWIRE_MASTER_KEY", "BROKER_INTERNAL_SECRET"] });
const log = createLogger(config.LOG_LEVEL, config.ROLES.join("+"));
const db = createDb(config.DATABASE_URL);
const redis = createRedis(config.REDIS_URL);
redis.on("error", (err) => log.warn({ err: err.message }, "redis connection problem"));
const stops: (() => Promise<void>)[] = [];

async function main() {
  const registry = createMetricsRegistry(config.ROLES.join("+"));
  const metrics = await startMetricsServer(registry, config.METRICS_PORT);
  stops.push(() => new Promise<void>((resolve) => metrics.close(() => resolve())));
  // An IoTC docker-compose file's variables become a default tenant with its credentials and targets.
  const iotc = await applyIotcEnvironment(db, new SecretBox(config.TIDEWIRE_MASTER_KEY), redis, config, log);
  if (iotc) log.info(iotc, "IoTC environment applied to the default tenant");
  if (config.ROLES.includes("broker")) {
    const broker = new BuiltinBroker({
      port: config.BROKER_PORT,
      wsPort: config.BROKER_WS_PORT,
      host: config.BROKER_HOST,
      ...(config.BROKER_TLS_CERT && config.BROKER_TLS_KEY
        ? { tls: { port: config.BROKER_TLS_PORT, cert: readPemSetting("BROKER_TLS_CERT", config.BROKER_TLS_CERT), key: readPemSetting("BROKER_TLS_KEY", config.BROKER_TLS_KEY) } }
        : {}),
      maxOfflineMessages: config.BROKER_MAX_OFFLINE_MESSAGES,
      // Several broker processes behind one address share sessions and messages through Redis.
      ...(config.BROKER_REDIS ? { shared: { redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX } } : {}),
      registry,
      internalSecret: config.BROKER_INTERNAL_SECRET,
      verifyApiKey: mqttApiKeyVerifier(db),
      log,
    });
    const ports = await broker.listen();
    stops.push(() => broker.close());
    log.info({ ...ports, sharedThroughRedis: config.BROKER_REDIS }, "built-in MQTT broker listening");
  }
  if (config.ROLES.includes("mqtt-auth")) {
    // An external clustered broker (EMQX) asks here who may log in and use which topic.
    const hook = new MqttAuthHook({
      access: new TenantAccess({ internalSecret: config.BROKER_INTERNAL_SECRET, verifyApiKey: mqttApiKeyVerifier(db) }),
      keyTenant: cachedMqttKeyTenant(db),
      secret: config.MQTT_AUTH_HOOK_SECRET!,
      limiter: new LoginRateLimiter(redis, `${config.REDIS_PREFIX}:mqtt-hook`, {
        attemptsPerMinute: config.GATEWAY_AUTH_ATTEMPTS_PER_MINUTE,
        failuresPer15Min: config.GATEWAY_AUTH_FAILURES_PER_15_MIN,
      }),
      log,
    });
    const port = await hook.listen(config.MQTT_AUTH_HOOK_PORT, config.MQTT_AUTH_HOOK_HOST);
    stops.push(() => hook.close());
    log.info({ port }, "MQTT auth hook listening");
  }
  if (config.ROLES.includes("worker")) {
    // The worker's per-batch writes skip Prisma (its query compiler costs CPU per statement).
    const sql = createSqlPool(config.DATABASE_URL, {
      onIdleError: (err) => log.warn({ err: err.message }, "database connection lost; reconnecting on next use"),
    });
    stops.push(() => closeSqlPool(sql));
    const worker = new WorkerRole({
      db,
      sql,
      box: new SecretBox(config.TIDEWIRE_MASTER_KEY),
      redis,
      prefix: config.REDIS_PREFIX,
      partitions: config.TELEGRAM_PARTITIONS,
      brokerUrl: config.BROKER_INTERNAL_URL,
      brokerInternalSecret: config.BROKER_INTERNAL_SECRET,
      log,
      allowPrivateEgress: config.ALLOW_PRIVATE_EGRESS,
      agrirouter: agrirouterApplicationFrom(config),
      deliveryPolicy: deliveryPolicyFrom(config),
      registry,
      ...(config.LICENSE_PUBLIC_KEY ? { licensePublicKey: config.LICENSE_PUBLIC_KEY } : {}),
    });
    await worker.start();
    stops.push(() => worker.stop());
    log.info({ partitions: config.TELEGRAM_PARTITIONS }, "workers running");
  }
  if (config.ROLES.includes("ingest")) {
    const ingest = new IngestRole({
      db,
      redis,
      prefix: config.REDIS_PREFIX,
      port: config.INGEST_PORT,
      host: config.INGEST_HOST,
      batchMs: config.INGEST_BATCH_MS,
      batchMax: config.INGEST_BATCH_MAX,
      partitions: config.TELEGRAM_PARTITIONS,
      log,
      ...(config.INGEST_TLS_CERT && config.INGEST_TLS_KEY
        ? { tls: readTlsFiles({ cert: config.INGEST_TLS_CERT, key: config.INGEST_TLS_KEY, ...(config.INGEST_TLS_CA ? { ca: config.INGEST_TLS_CA } : {}) }) }
        : {}),
      maxMessageBytes: config.INGEST_MAX_MESSAGE_BYTES,
      heartbeatSeconds: config.INGEST_HEARTBEAT_SECONDS,
      dedupWindowMs: config.DEDUP_WINDOW_MS,
      gatherMs: config.DEDUP_GATHER_MS,
      earlyRelease: config.DEDUP_EARLY_RELEASE,
      aruba: { tokenTtlSeconds: config.ARUBA_TOKEN_TTL_SECONDS },
      auth: { attemptsPerMinute: config.GATEWAY_AUTH_ATTEMPTS_PER_MINUTE, failuresPer15Min: config.GATEWAY_AUTH_FAILURES_PER_15_MIN },
      ...(config.LICENSE_PUBLIC_KEY ? { licensePublicKey: config.LICENSE_PUBLIC_KEY } : {}),
      box: new SecretBox(config.TIDEWIRE_MASTER_KEY),
      uplinkDedupSeconds: config.UPLINK_DEDUP_SECONDS,
      ttsMqtt: { enabled: config.TTS_MQTT_ENABLED, refreshMs: config.TTS_MQTT_REFRESH_MS, leaseMs: config.TTS_MQTT_REFRESH_MS * 3, allowPrivate: config.ALLOW_PRIVATE_EGRESS },
      registry,
    });
    const port = await ingest.start();
    stops.push(() => ingest.stop());
    log.info({ port, tls: Boolean(config.INGEST_TLS_CERT), clientCertificates: Boolean(config.INGEST_TLS_CA) }, "gateway endpoints listening");
  }
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping");
  // Stop in reverse order: no new frames first, then workers finish, then the broker.
  for (const stop of stops.reverse()) {
    await stop().catch((err: unknown) => log.warn({ err }, "error while stopping"));
  }
  redis.disconnect();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

main().catch((err: unknown) => {
  log.fatal({ err }, "could not start");
  process.exit(1);
});
