// The system under test for one fault scenario: Tidewire's real processes (broker, worker and
// ingest, each its own process running apps/ingest/dist/main.js), a Redis of the scenario's own
// (AOF every second), the machine's PostgreSQL behind a proxy the test can cut, a Mosquitto as the
// tenant's MQTT target (behind a proxy too), traced load from simulated gateways and a subscriber
// on each target.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { createDb, SecretBox, upsertDevice, type Db } from "@tidewire/db";
import { saveEgressTarget, type SaveTargetInput } from "@tidewire/egress";
import { freePort, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { createTestTenant, type TestTenant } from "../../support/tenant-setup";
import { startPrivateRedis, type PrivateRedis } from "./private-redis";
import { roleProcess, type RoleProcess } from "./role-process";
import { startTcpProxy, type TcpProxy } from "@tidewire/testkit";
import { countTrace, traceSubscriber, type TraceCounts, type TraceLedger } from "./trace-ledger";
import { TRACED_EEP, TracedLoad, tracedSensors, type TracedSensor } from "./traced-load";
import { sleep, waitUntil } from "./wait";

export interface FaultSystemOptions {
  name: string;
  sensors?: number;
  gateways?: number;
  hearing?: number;
  /** first EURID of the scenario's sensors */
  euridBase: number;
  /** extra environment for every process */
  env?: Record<string, string>;
}

export interface FaultSystem {
  db: Db;
  box: SecretBox;
  tenant: TestTenant;
  sensors: TracedSensor[];
  redis: PrivateRedis;
  /** the scenario's own Redis connection (targets, dead-letter replays) */
  redisClient: Redis;
  prefix: string;
  postgres: TcpProxy;
  mosquitto: MosquittoInstance;
  /** what Tidewire's MQTT target connects through */
  mqttTargetLink: TcpProxy;
  mqttTargetId: string;
  /** http://127.0.0.1:<ingest port> */
  ingestHttpUrl: string;
  /** ingest's Prometheus metrics (docs/metrics.md) */
  ingestMetricsUrl: string;
  broker: RoleProcess;
  worker: RoleProcess;
  ingest: RoleProcess;
  load: TracedLoad;
  ledgers: { builtin: TraceLedger; mqtt: TraceLedger };
  /** adds an egress target for the tenant (workers pick it up within seconds) */
  addTarget(input: SaveTargetInput): Promise<string>;
  /** waits until every sent telegram (but the excused) reached the given ledgers, or the time is up */
  drained(ledgers: TraceLedger[], timeoutMs: number, excused?: (at: number) => boolean): Promise<void>;
  counts(ledger: TraceLedger, excused?: (at: number) => boolean, only?: ReadonlySet<number>): TraceCounts;
  rss(): Record<string, number | null>;
  stop(): Promise<void>;
}

export async function startFaultSystem(options: FaultSystemOptions): Promise<FaultSystem> {
  const env = process.env;
  const logDir = path.join(env.FAULTS_LOG_DIR ?? mkdtempSync(path.join(tmpdir(), "tw-faults-")), options.name);
  mkdirSync(logDir, { recursive: true });
  const db = createDb(env.DATABASE_URL!);
  const box = new SecretBox(env.TIDEWIRE_MASTER_KEY!);
  const redis = await startPrivateRedis();
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  redisClient.on("error", () => {});
  const prefix = env.REDIS_PREFIX!;
  const pgUrl = new URL(env.DATABASE_URL!);
  const postgres = await startTcpProxy(Number(pgUrl.port || 5432), pgUrl.hostname);
  const processDbUrl = new URL(pgUrl);
  processDbUrl.hostname = "127.0.0.1";
  processDbUrl.port = String(postgres.port);
  const mosquitto = await startMosquitto();
  const mqttTargetLink = await startTcpProxy(mosquitto.port);

  const sensors = tracedSensors(options.sensors ?? 100, options.euridBase);
  const tenant = await createTestTenant(db, box, { slug: `faults-${options.name}`.slice(0, 38), maxGateways: 100 });
  for (const s of sensors) {
    await upsertDevice(db, box, tenant.id, { sourceEurid: s.eurid, eep: TRACED_EEP, friendlyId: `meter ${s.eurid}`, location: "fault tests", tags: ["traced"] });
  }
  const deps = { db, box, redis: redisClient, prefix };
  const addTarget = async (input: SaveTargetInput) => (await saveEgressTarget(deps, tenant.id, input)).id;
  const mqttTargetId = await addTarget({ kind: "MQTT", name: "traced mosquitto", config: { url: `mqtt://127.0.0.1:${mqttTargetLink.port}`, topic: "traced/{sourceEurid}/telemetry", qos: 1 } });

  const [brokerPort, ingestPort, m1, m2, m3] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const common: Record<string, string> = {
    DATABASE_URL: processDbUrl.toString(),
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    TIDEWIRE_MASTER_KEY: env.TIDEWIRE_MASTER_KEY!,
    BROKER_INTERNAL_SECRET: env.BROKER_INTERNAL_SECRET!,
    LICENSE_PUBLIC_KEY: env.LICENSE_PUBLIC_KEY!,
    BROKER_PORT: String(brokerPort),
    BROKER_HOST: "127.0.0.1",
    BROKER_INTERNAL_URL: `mqtt://127.0.0.1:${brokerPort}`,
    INGEST_PORT: String(ingestPort),
    INGEST_HOST: "127.0.0.1",
    TELEGRAM_PARTITIONS: "4",
    ALLOW_PRIVATE_EGRESS: "true",
    // A target that comes back is tried again within seconds, not minutes.
    EGRESS_RETRY_BASE_MS: "200",
    EGRESS_RETRY_MAX_MS: "3000",
    EGRESS_PROBE_MAX_SECONDS: "3",
    ...options.env,
  };
  const broker = roleProcess("broker", "broker", { ...common, METRICS_PORT: String(m1), BROKER_WS_PORT: String(await freePort()) }, logDir);
  const worker = roleProcess("worker", "worker", { ...common, METRICS_PORT: String(m2) }, logDir);
  const ingest = roleProcess("ingest", "ingest", { ...common, METRICS_PORT: String(m3) }, logDir);
  await broker.start();
  await worker.start();
  await ingest.start();

  const builtin = await traceSubscriber(`${options.name}-builtin`, `mqtt://127.0.0.1:${brokerPort}`, "devices/+/telemetry", sensors, { username: tenant.mqtt.username, password: tenant.mqtt.password });
  const direct = await traceSubscriber(`${options.name}-mqtt`, mosquitto.url, "traced/+/telemetry", sensors);
  const load = new TracedLoad({ wsUrl: `ws://127.0.0.1:${ingestPort}`, token: tenant.gatewayToken, gateways: options.gateways ?? 10, sensors, hearing: options.hearing ?? 3, gatewayIdPrefix: `${options.name}-gw-` });
  await load.connect();

  const system: FaultSystem = {
    db,
    box,
    tenant,
    sensors,
    redis,
    redisClient,
    prefix,
    postgres,
    mosquitto,
    mqttTargetLink,
    mqttTargetId,
    ingestHttpUrl: `http://127.0.0.1:${ingestPort}`,
    ingestMetricsUrl: `http://127.0.0.1:${m3}/metrics`,
    broker,
    worker,
    ingest,
    load,
    ledgers: { builtin: builtin.ledger, mqtt: direct.ledger },
    addTarget,
    async drained(ledgers, timeoutMs, excused) {
      const missing = () => ledgers.map((l) => `${l.name}: ${system.counts(l, excused).lost} not yet received`).join(", ");
      await waitUntil(() => ledgers.every((l) => system.counts(l, excused).lost === 0), timeoutMs, missing).catch(() => undefined);
    },
    counts: (ledger, excused, only) => countTrace(load, sensors, ledger, excused, only),
    rss: () => ({ broker: broker.rssKb(), worker: worker.rssKb(), ingest: ingest.rssKb() }),
    async stop() {
      await load.close();
      await builtin.client.endAsync(true).catch(() => undefined);
      await direct.client.endAsync(true).catch(() => undefined);
      await ingest.stop();
      await worker.stop();
      await broker.stop();
      await sleep(100);
      await mqttTargetLink.close();
      await mosquitto.dispose();
      await postgres.close();
      redisClient.disconnect();
      await redis.dispose();
      await db.$disconnect();
    },
  };
  return system;
}
