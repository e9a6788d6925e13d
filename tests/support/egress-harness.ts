// Runs the delivery machinery in-process against the test run's PostgreSQL and Redis: targets
// are created through packages/egress as the portal creates them, and batches are queued exactly
// as the decode worker queues them (one job per decoded batch on {deliver-<targetId>}).
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { pino } from "pino";
import { createDb, SecretBox, upsertTenant, type Db } from "@tidewire/db";
import {
  DELIVERY_JOB,
  DeliveryManager,
  deliveryQueueName,
  saveEgressTarget,
  type AgrirouterApplication,
  type DeliveryMessage,
  type DeliveryPolicy,
  type SaveTargetInput,
} from "@tidewire/egress";
import { createRedis } from "../../apps/ingest/src/redis/connections";

/** Waits short enough for "down for a while" to take seconds. */
export const FAST_POLICY: Partial<DeliveryPolicy> = {
  retryBaseMs: 50,
  retryMaxMs: 400,
  breakerThreshold: 3,
  probeBaseMs: 200,
  probeMaxMs: 800,
  deadLetterAfterMs: 60_000,
  checkIntervalMs: 100,
  counterFlushMs: 200,
};

export interface EgressHarness {
  db: Db;
  box: SecretBox;
  deps: { db: Db; box: SecretBox; redis: ReturnType<typeof createRedis>; prefix: string };
  manager: DeliveryManager;
  tenant(slug: string): Promise<{ id: string; slug: string }>;
  target(tenantId: string, input: SaveTargetInput): Promise<string>;
  enqueue(tenantId: string, targetId: string, messages: DeliveryMessage[]): Promise<void>;
  waitFor(check: () => Promise<boolean> | boolean, timeoutMs?: number, what?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEgress(
  options: {
    policy?: Partial<DeliveryPolicy>;
    agrirouter?: AgrirouterApplication;
    connectorTimeoutMs?: number;
    builtinBrokerUrl?: string;
    /** the database as the delivery machinery sees it (to make it fail on purpose) */
    deliveryDb?: (db: Db) => Db;
  } = {},
): Promise<EgressHarness> {
  const env = process.env;
  const db = createDb(env.DATABASE_URL!);
  const box = new SecretBox(env.TIDEWIRE_MASTER_KEY!);
  const redis = createRedis(env.REDIS_URL!);
  const subscriber = redis.duplicate();
  // Test files share the run's database, and a DeliveryManager runs every enabled target in it.
  // Under one Redis prefix, another file's manager (its own policy and timeouts) would consume
  // this file's queues; its own prefix keeps each file's deliveries to its own manager.
  const prefix = `${env.REDIS_PREFIX!}:${randomBytes(3).toString("hex")}`;
  const log = pino({ level: env.LOG_LEVEL ?? "warn" });
  const deps = { db, box, redis, prefix };
  const manager = new DeliveryManager({
    db: options.deliveryDb ? options.deliveryDb(db) : db,
    box,
    redis,
    prefix,
    log,
    builtin: { url: options.builtinBrokerUrl ?? "mqtt://127.0.0.1:1", internalSecret: env.BROKER_INTERNAL_SECRET! },
    allowPrivateEgress: true,
    policy: { ...FAST_POLICY, ...options.policy },
    connectorTimeoutMs: options.connectorTimeoutMs ?? 2000,
    refreshMs: 500,
    ...(options.agrirouter ? { agrirouter: options.agrirouter } : {}),
  });
  await manager.start(subscriber);
  const queues = new Map<string, Queue>();
  const harness: EgressHarness = {
    db,
    box,
    deps,
    manager,
    tenant: (slug) => upsertTenant(db, { slug, name: slug }),
    async target(tenantId, input) {
      const target = await saveEgressTarget(deps, tenantId, input);
      await manager.refresh();
      return target.id;
    },
    async enqueue(tenantId, targetId, messages) {
      let queue = queues.get(targetId);
      if (!queue) queues.set(targetId, (queue = new Queue(deliveryQueueName(targetId), { connection: redis, prefix })));
      await queue.add(DELIVERY_JOB, { v: 1, tenantId, targetId, messages }, { removeOnComplete: true, removeOnFail: { count: 10_000 } });
    },
    async waitFor(check, timeoutMs = 15_000, what = "condition") {
      const started = Date.now();
      while (!(await check())) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await manager.stop();
      await Promise.all([...queues.values()].map((q) => q.close()));
      subscriber.disconnect();
      redis.disconnect();
      await db.$disconnect();
    },
  };
  return harness;
}
