// Starts the broker, worker and ingest roles in-process against the test run's PostgreSQL and
// Redis, as `npm start` runs them in separate processes.
import type { Registry } from "prom-client";
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { closeSqlPool, createDb, createSqlPool, SecretBox, type Db } from "@tidewire/db";
import type { AgrirouterApplication, DeliveryPolicy } from "@tidewire/egress";
import { freePort } from "@tidewire/testkit";
import { BuiltinBroker } from "../../apps/ingest/src/broker/builtin-broker";
import { mqttApiKeyVerifier } from "../../apps/ingest/src/broker/mqtt-api-keys";
import { IngestRole, type IngestRoleOptions } from "../../apps/ingest/src/ingest/ingest-role";
import { createRedis } from "../../apps/ingest/src/redis/connections";
import { WorkerRole } from "../../apps/ingest/src/worker/worker-role";

export interface Pipeline {
  db: Db;
  box: SecretBox;
  /** this pipeline's Redis prefix (under the run's): test files running side by side do not
   * consume each other's queues */
  prefix: string;
  /** ws://127.0.0.1:<port> (wss:// with TLS) */
  ingestUrl: string;
  /** http(s)://127.0.0.1:<port>, for /auth/aruba */
  ingestHttpUrl: string;
  brokerUrl: string;
  worker: WorkerRole;
  ingest: IngestRole;
  stop: () => Promise<void>;
}

/** Ingest settings a test may change (the rest come from the harness). */
export type IngestOverrides = Partial<Omit<IngestRoleOptions, "db" | "redis" | "prefix" | "log" | "port" | "host">>;

export interface PipelineOptions {
  before?: (db: Db, box: SecretBox) => Promise<unknown>;
  /** short waits for "target down for a while" tests */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  connectorTimeoutMs?: number;
  agrirouter?: AgrirouterApplication;
  ingest?: IngestOverrides;
  /** Prometheus registry for the worker's metrics (stage timings, egress) */
  workerRegistry?: Registry;
}

export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const env = process.env;
  const log = pino({ level: env.LOG_LEVEL ?? "warn" });
  const db = createDb(env.DATABASE_URL!);
  const box = new SecretBox(env.TIDEWIRE_MASTER_KEY!);
  const redis = createRedis(env.REDIS_URL!);
  const prefix = `${env.REDIS_PREFIX!}:${randomBytes(3).toString("hex")}`;
  const internalSecret = env.BROKER_INTERNAL_SECRET!;
  await options.before?.(db, box);

  const broker = new BuiltinBroker({
    port: await freePort(),
    host: "127.0.0.1",
    internalSecret,
    verifyApiKey: mqttApiKeyVerifier(db),
    log,
  });
  const { port: brokerPort } = await broker.listen();
  const brokerUrl = `mqtt://127.0.0.1:${brokerPort}`;

  // As main.ts runs the worker: its per-batch writes on a plain pg pool.
  const sql = createSqlPool(env.DATABASE_URL!, { poolSize: 4 });
  const worker = new WorkerRole({
    db,
    sql,
    box,
    redis,
    prefix,
    partitions: 4,
    brokerUrl,
    brokerInternalSecret: internalSecret,
    log,
    statsFlushMs: 200,
    // Test targets (Mosquitto, emulators) listen on loopback.
    allowPrivateEgress: true,
    ...(options.deliveryPolicy ? { deliveryPolicy: options.deliveryPolicy } : {}),
    ...(options.connectorTimeoutMs ? { connectorTimeoutMs: options.connectorTimeoutMs } : {}),
    ...(options.agrirouter ? { agrirouter: options.agrirouter } : {}),
    ...(options.workerRegistry ? { registry: options.workerRegistry } : {}),
    licensePublicKey: env.LICENSE_PUBLIC_KEY!,
  });
  await worker.start();

  const ingest = new IngestRole({
    db,
    redis,
    prefix,
    port: 0,
    host: "127.0.0.1",
    batchMs: 5,
    batchMax: 250,
    partitions: 4,
    log,
    statsFlushMs: 200,
    licensePublicKey: env.LICENSE_PUBLIC_KEY!,
    box,
    // Off unless a test asks: every pipeline would otherwise subscribe to every tenant's TTS broker.
    ttsMqtt: { enabled: false },
    ...options.ingest,
  });
  const ingestPort = await ingest.start();
  const secure = Boolean(options.ingest?.tls);

  return {
    db,
    box,
    prefix,
    ingestUrl: `${secure ? "wss" : "ws"}://127.0.0.1:${ingestPort}`,
    ingestHttpUrl: `${secure ? "https" : "http"}://127.0.0.1:${ingestPort}`,
    brokerUrl,
    worker,
    ingest,
    stop: async () => {
      await ingest.stop();
      await worker.stop();
      await closeSqlPool(sql);
      await broker.close();
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
