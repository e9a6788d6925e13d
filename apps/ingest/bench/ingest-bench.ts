// How much one ingest process takes: simulated gateways (a separate tidewire-simulate process)
// send telegrams heard by 3 gateways each; ingest removes duplicates, gathers receptions and
// enqueues; a counting consumer stands in for the workers. Prints the figures and writes
// bench-results/ingest.json. Needs PostgreSQL and Redis (a temporary database is created and
// dropped).
//   npx tsx apps/ingest/bench/ingest-bench.ts [--protocol aruba|generic] [--rate 2000] [--seconds 10]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "bullmq";
import { pino } from "pino";
import { generateLicenseKeyPair } from "@tidewire/license";
import { createDb } from "@tidewire/db";
import { applyMigrations, dropDatabase, ensureDatabase, repoRoot } from "@tidewire/db/admin";
import { deleteRedisPrefix, freePort } from "@tidewire/testkit";
import { IngestRole } from "../src/ingest/ingest-role";
import { telegramBatchSchema, telegramQueueName } from "../src/pipeline/queues";
import { createRedis } from "../src/redis/connections";

const { values } = parseArgs({
  options: { protocol: { type: "string", default: "aruba" }, rate: { type: "string", default: "2000" }, seconds: { type: "string", default: "10" }, gateways: { type: "string", default: "100" }, sensors: { type: "string", default: "20000" } },
});
const PARTITIONS = 16;
const runId = randomBytes(3).toString("hex");
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/tidewire_test_bench${runId}`;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `twbench:${runId}`;
const license = generateLicenseKeyPair();
const masterKey = randomBytes(32).toString("base64");

await ensureDatabase(databaseUrl);
await applyMigrations(databaseUrl);
const db = createDb(databaseUrl);
const redis = createRedis(redisUrl);
const port = await freePort();
const ingest = new IngestRole({
  db, redis, prefix, port, host: "127.0.0.1", batchMs: 5, batchMax: 250, partitions: PARTITIONS, log: pino({ level: "warn" }),
  gatherMs: 40, dedupWindowMs: 300, licensePublicKey: license.publicKey, auth: { attemptsPerMinute: 100_000 },
});
await ingest.start();

// Stand-in for the workers: counts telegrams and receptions, and how long after its first
// reception each telegram became available to them.
const latencies: number[] = [];
const spreads: number[] = [];
let telegrams = 0;
let receptions = 0;
const consumers = Array.from({ length: PARTITIONS }, (_, p) =>
  new Worker(telegramQueueName(p), async (job) => {
    const now = Date.now();
    for (const frame of telegramBatchSchema.parse(job.data).frames) {
      telegrams++;
      receptions += frame.receptions.length;
      const times = frame.receptions.map((r) => r.at);
      latencies.push(now - Math.min(...times));
      spreads.push(Math.max(...times) - Math.min(...times));
    }
  }, { connection: redis.duplicate(), prefix, concurrency: 1 }),
);

const report = path.join(repoRoot, `bench-results/.simulator-${runId}.json`);
mkdirSync(path.dirname(report), { recursive: true });
const cpuBefore = process.cpuUsage();
const started = Date.now();
const simulator = spawn(process.execPath, [
  path.join(repoRoot, "packages/testkit/bin/tidewire-simulate.js"),
  "--url", `http://127.0.0.1:${port}`, "--protocol", values.protocol!, "--setup", `bench-${runId}`,
  "--gateways", values.gateways!, "--sensors", values.sensors!, "--hear", "3", "--rate", values.rate!, "--secure", "0.1",
  "--health", "0", "--duration", values.seconds!, "--report", report,
], { env: { ...process.env, DATABASE_URL: databaseUrl, TIDEWIRE_MASTER_KEY: masterKey, LICENSE_SIGNING_KEY: license.privateKey }, stdio: ["ignore", "inherit", "inherit"] });
let maxHeld = 0;
const sampler = setInterval(() => (maxHeld = Math.max(maxHeld, ingest.intake.framesInClaim + ingest.batcher.heldFrames)), 50);
await new Promise((resolve) => simulator.once("exit", resolve));
await new Promise((r) => setTimeout(r, 2000));
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
const sent = JSON.parse(readFileSync(report, "utf8")) as { readings: number; telegrams: number; frames: number; durationMs: number };

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.floor(p * (latencies.length - 1))] ?? null;
const figures = {
  at: new Date().toISOString(),
  protocol: values.protocol,
  gateways: Number(values.gateways),
  sensors: Number(values.sensors),
  hearing: 3,
  targetReadingsPerSecond: Number(values.rate),
  sentTelegrams: sent.telegrams,
  sentFrames: sent.frames,
  enqueuedTelegrams: telegrams,
  receptionsPerTelegram: telegrams ? Number((receptions / telegrams).toFixed(3)) : 0,
  framesPerSecondIn: Math.round(sent.frames / (sent.durationMs / 1000)),
  telegramsPerSecondOut: Math.round(telegrams / (sent.durationMs / 1000)),
  receptionToQueueMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: latencies.at(-1) ?? null },
  ingestCpuSecondsPerSecond: Number(((cpu.user + cpu.system) / 1e6 / ((Date.now() - started) / 1000)).toFixed(2)),
  receptionSpreadMs: (() => {
    spreads.sort((a, b) => a - b);
    return { p50: spreads[Math.floor(spreads.length / 2)] ?? null, p99: spreads[Math.floor(0.99 * (spreads.length - 1))] ?? null, max: spreads.at(-1) ?? null };
  })(),
  maxFramesHeld: maxHeld,
  lateDuplicates: ingest.counters.totals.get("LATE_DUPLICATE") ?? 0,
};
console.log(JSON.stringify(figures, null, 2));
writeFileSync(path.join(repoRoot, "bench-results/ingest.json"), JSON.stringify(figures, null, 2));

await Promise.all(consumers.map((c) => c.close()));
await ingest.stop();
redis.disconnect();
await db.$disconnect();
await dropDatabase(databaseUrl);
await deleteRedisPrefix(redisUrl, prefix);
process.exit(0);
