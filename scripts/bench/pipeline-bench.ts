// npm run bench — the end-to-end benchmark of the real processes (docs/performance.md).
// Phases: warm-up, a fixed offered load (latency), a ramp until the backlog grows (the highest
// sustained rate), a drain that checks every message arrived at both targets, and the ceiling of
// one plain publisher. Writes bench-results/pipeline-<time>.json and .md.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "@tidewire/db/admin";
import { deleteRedisPrefix, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { parseBenchOptions } from "./pipeline/bench-options";
import { prepareWorld } from "./pipeline/bench-environment";
import { writeBenchReport, type BenchReport, type PhaseResult, type RampStep } from "./pipeline/bench-report";
import { cpuBetween, MACHINE, round, UsageTracker } from "./pipeline/process-usage";
import { summariseProfile } from "./pipeline/profile-summary";
import { commandsBetween, readCommandStats } from "./pipeline/redis-command-stats";
import { pendingQueueJobs, readQueueJobCounts } from "./pipeline/queue-job-counts";
import { startRoleProcesses, type RunningSystem } from "./pipeline/role-processes";
import { SimulatorControl } from "./pipeline/simulator-control";
import { scrapeHistograms, stageLatencies } from "./pipeline/stage-latency";
import { StatsSampler } from "./pipeline/stats-sampler";
import { percentile, TelegramTracker } from "./pipeline/telegram-tracker";
import { TelegramSubscriber } from "./pipeline/telegram-subscriber";

const here = path.dirname(fileURLToPath(import.meta.url));
const say = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const outDir = path.join(repoRoot, options.outDir);
  mkdirSync(outDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const profileDir = options.profile ? path.join(outDir, "profiles", stamp) : undefined;
  const machine = describeMachine();
  say(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB; load average ${machine.loadAverage.join(" ")}`);
  if (machine.loadAverage[0]! > machine.cpus * 0.5) say(`the machine is busy (load ${machine.loadAverage[0]}): figures will be low; run again on a quiet machine for the record`);

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => say(`cleanup: ${(err as Error).message}`));
  };
  process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

  try {
    let mosquitto: MosquittoInstance | undefined;
    if (!options.mosquittoUrl) {
      // Unbounded queues: a consumer that falls behind must not lose messages inside Mosquitto.
      mosquitto = await startMosquitto({ config: ["max_queued_messages 0", "max_inflight_messages 0"] });
      cleanups.push(() => mosquitto!.dispose());
    }
    const mosquittoUrl = options.mosquittoUrl ?? mosquitto!.url;
    say(`preparing database ${new URL(options.databaseUrl).pathname.slice(1)}: ${options.sensors} sensors, ${options.gateways} gateways`);
    const world = await prepareWorld(options, mosquittoUrl);
    cleanups.push(() => world.close());
    cleanups.push(() => deleteRedisPrefix(options.redisUrl, world.env.REDIS_PREFIX!));

    say(`starting broker, ${options.workers} worker(s) and ingest`);
    const system: RunningSystem = await startRoleProcesses({ env: world.env, workers: options.workers, partitions: options.partitions, logDir: path.join(outDir, "logs", stamp), ...(profileDir ? { profileDir } : {}) });
    cleanups.push(() => system.stop());

    const trackers = { builtin: new TelegramTracker("builtin"), mqtt: new TelegramTracker("mosquitto") };
    const builtinSub = await TelegramSubscriber.connect(system.brokerUrl, "devices/+/telemetry", trackers.builtin, world.builtinKey);
    const mqttSub = await TelegramSubscriber.connect(mosquittoUrl, `${world.mqttTopicRoot}/#`, trackers.mqtt, { keepSamples: 5000 });
    cleanups.push(() => Promise.all([builtinSub.close(), mqttSub.close()]));

    const simulator = new SimulatorControl((fingerprints, at) => {
      for (let i = 0; i < fingerprints.length; i++) {
        trackers.builtin.noteSent(fingerprints[i]!, at[i]!);
        trackers.mqtt.noteSent(fingerprints[i]!, at[i]!);
      }
    });
    cleanups.push(() => simulator.stop());
    const connected = await simulator.setup({ url: system.ingestUrl, token: world.gatewayToken, gateways: options.gateways, sensors: options.sensors, hearing: options.hearing, spreadMs: options.spreadMs, secureShare: options.secureShare, seed: 7 });
    say(`${connected} gateways connected`);

    const usage = new UsageTracker();
    for (const p of system.processes) usage.track(p.name, p.pid);
    usage.track("simulator", simulator.pid);
    usage.track("mosquitto", mosquitto?.pid());
    usage.track("bench (subscribers)", process.pid);
    usage.track(MACHINE, 0);
    usage.trackGroup("postgresql", "postgres");
    usage.trackGroup("redis", "redis-server");
    const stats = new StatsSampler(world.db, world.tenantId);
    stats.start();
    cleanups.push(async () => stats.stop());

    let simTotals = { readings: 0, telegrams: 0, frames: 0 };
    const pendingJobs = () => pendingQueueJobs(options.redisUrl, world.env.REDIS_PREFIX!);
    const outstanding = () => Math.max(trackers.builtin.outstanding, trackers.mqtt.outstanding);
    const runPhase = async (name: string, rate: number, seconds: number, midway?: () => void): Promise<PhaseResult> => {
      const cpuBefore = usage.sample();
      const before = { builtin: trackers.builtin.counts(), mqtt: trackers.mqtt.counts() };
      const t0 = Date.now();
      const mid = midway ? setTimeout(midway, (seconds * 1000) / 2) : undefined;
      const report = await simulator.run(rate, seconds * 1000);
      if (mid) clearTimeout(mid);
      const t1 = Date.now();
      // The simulator's last trace report and the statistics flush lag a little behind.
      await new Promise((r) => setTimeout(r, 100));
      const cpuAfter = usage.sample();
      const s = (t1 - t0) / 1000;
      const offered = { readings: report.readings - simTotals.readings, telegrams: report.telegrams - simTotals.telegrams, frames: report.frames - simTotals.frames };
      simTotals = { readings: report.readings, telegrams: report.telegrams, frames: report.frames };
      const after = { builtin: trackers.builtin.counts(), mqtt: trackers.mqtt.counts() };
      const counted = stats.rates(t0, t1 + 2000);
      return {
        name,
        targetRate: rate,
        seconds: round(s, 1),
        offered: { readingsPerSecond: Math.round(offered.readings / s), telegramsPerSecond: Math.round(offered.telegrams / s), framesPerSecond: Math.round(offered.frames / s) },
        counted,
        deliveredPerSecond: { builtin: Math.round((after.builtin.received - before.builtin.received) / s), mosquitto: Math.round((after.mqtt.received - before.mqtt.received) / s) },
        outstandingAtEnd: outstanding(),
        cpuSeconds: cpuBetween(cpuBefore, cpuAfter),
      };
    };

    say(`warm-up: ${options.warmupSeconds} s at ${options.warmupRate} telegrams/s (every sensor sends once)`);
    const warmup = await runPhase("warm-up", options.warmupRate, options.warmupSeconds);
    await drain(trackers, options.quick ? 20 : 60, pendingJobs);

    say(`fixed load: ${options.fixedSeconds} s at ${options.fixedRate} telegrams/s (latency)`);
    trackers.builtin.latencies = [];
    trackers.mqtt.latencies = [];
    trackers.builtin.fromIngest = [];
    trackers.mqtt.fromIngest = [];
    trackers.builtin.recording = trackers.mqtt.recording = true;
    const redisBefore = await readCommandStats(options.redisUrl);
    const jobsBefore = await readQueueJobCounts(options.redisUrl, world.env.REDIS_PREFIX!);
    const metricsUrls = system.processes.map((p) => p.metricsUrl);
    const stagesBefore = await scrapeHistograms(metricsUrls);
    const fixed = await runPhase("fixed load", options.fixedRate, options.fixedSeconds);
    const redisCommands = commandsBetween(redisBefore, await readCommandStats(options.redisUrl));
    const jobsAfter = await readQueueJobCounts(options.redisUrl, world.env.REDIS_PREFIX!);
    const queueJobs = { telegramJobs: jobsAfter.telegramJobs - jobsBefore.telegramJobs, deliveryJobs: jobsAfter.deliveryJobs - jobsBefore.deliveryJobs };
    await drain(trackers, options.quick ? 30 : 60, pendingJobs);
    const stages = stageLatencies(stagesBefore, await scrapeHistograms(metricsUrls));
    trackers.builtin.recording = trackers.mqtt.recording = false;
    const latency = Object.fromEntries(
      Object.entries(trackers).map(([k, t]) => {
        const sorted = [...t.latencies].sort((a, b) => a - b);
        const inside = [...t.fromIngest].sort((a, b) => a - b);
        return [
          k === "mqtt" ? "mosquitto" : k,
          {
            samples: sorted.length,
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted[sorted.length - 1] ?? NaN,
            fromIngest: { p50: percentile(inside, 50), p95: percentile(inside, 95), p99: percentile(inside, 99) },
          },
        ];
      }),
    );
    say(`latency p50/p95/p99 ms: built-in ${fmtLatency(latency.builtin)}, Mosquitto ${fmtLatency(latency.mosquitto)}`);
    for (const s of stages) say(`  ${s.series}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, mean ${s.meanMs} ms (${s.count})`);

    const ramp: RampStep[] = [];
    for (let rate = options.rampStart; rate <= options.rampMax; rate += options.rampStep) {
      say(`ramp: ${options.rampStepSeconds} s at ${rate} telegrams/s`);
      let atMid = 0;
      const startBacklog = outstanding();
      const phase = await runPhase(`ramp ${rate}`, rate, options.rampStepSeconds, () => (atMid = outstanding()));
      const growthPerSecond = (phase.outstandingAtEnd - atMid) / (options.rampStepSeconds / 2);
      const simulatorLimited = phase.offered.readingsPerSecond < rate * 0.9;
      const sustained = !simulatorLimited && growthPerSecond < rate * 0.05 && phase.outstandingAtEnd < rate * 2;
      ramp.push({ ...phase, backlogAtStart: startBacklog, backlogAtMid: atMid, backlogGrowthPerSecond: Math.round(growthPerSecond), sustained, simulatorLimited });
      say(
        `  offered ${phase.offered.telegramsPerSecond}/s (${phase.offered.framesPerSecond} frames/s), delivered built-in ${phase.deliveredPerSecond.builtin}/s, Mosquitto ${phase.deliveredPerSecond.mosquitto}/s, backlog ${phase.outstandingAtEnd} (${Math.round(growthPerSecond)}/s) → ${sustained ? "sustained" : growthPerSecond >= rate * 0.05 ? "backlog grows" : "the simulator could not offer it"}`,
      );
      if (!sustained) break;
    }
    say("draining and checking every message arrived");
    const drained = await drain(trackers, options.quick ? 60 : 180, pendingJobs);
    stats.stop();
    const delivery = {
      builtin: { ...trackers.builtin.counts(), missing: trackers.builtin.outstanding, unreadable: builtinSub.unreadable },
      mosquitto: { ...trackers.mqtt.counts(), missing: trackers.mqtt.outstanding, unreadable: mqttSub.unreadable },
      drainedInSeconds: drained,
      pendingJobsAtEnd: await pendingJobs().catch(() => -1),
    };
    say(`delivered: built-in ${delivery.builtin.received}/${delivery.builtin.sent} (redelivered ${delivery.builtin.duplicates}, unmerged copies ${delivery.builtin.extras}), Mosquitto ${delivery.mosquitto.received}/${delivery.mosquitto.sent} (redelivered ${delivery.mosquitto.duplicates}, unmerged copies ${delivery.mosquitto.extras})`);

    say(`ceiling: one plain mqtt.js process publishing ${options.ceilingMessages} of the same messages to the same Mosquitto`);
    const ceiling = runCeiling(mosquittoUrl, mqttSub.samples, options.ceilingMessages);
    say(`  ${Math.round(ceiling.messagesPerSecond)} messages/s`);

    const cpuTotals = usage.sample();
    const peaks = usage.peaks();
    await simulator.stop();
    await Promise.all([builtinSub.close(), mqttSub.close()]);
    await system.stop();
    const profiles = profileDir ? readProfiles(profileDir) : undefined;

    const sustainedSteps = ramp.filter((s) => s.sustained);
    const best = sustainedSteps[sustainedSteps.length - 1];
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      command: `npm run bench --${process.argv.slice(2).map((a) => ` ${a}`).join("")}`,
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
      setup: { sensors: options.sensors, secureSensors: world.secureSensors, gateways: options.gateways, hearing: options.hearing, spreadMs: options.spreadMs, workers: options.workers, partitions: options.partitions, gatewaysConnected: connected },
      phases: [warmup, fixed],
      redisCommands,
      queueJobs,
      latencyMs: latency,
      stages,
      ramp,
      highestSustained: best
        ? { telegramsPerSecond: best.offered.telegramsPerSecond, framesPerSecond: best.offered.framesPerSecond, deliveredPerSecond: best.deliveredPerSecond, lastStepFailed: ramp.length > sustainedSteps.length, rampMaxReached: ramp.length === sustainedSteps.length }
        : undefined,
      delivery,
      ceiling: {
        ...ceiling,
        // Our sustained Mosquitto rate; without a sustained step, the most any phase delivered.
        ratioBasis: best ? "highest sustained" : "peak delivered (nothing sustained)",
        ratio: round((best?.deliveredPerSecond.mosquitto ?? Math.max(...[...ramp, fixed].map((p) => p.deliveredPerSecond.mosquitto))) / ceiling.messagesPerSecond, 3),
      },
      processes: Object.fromEntries(Object.keys(cpuTotals).map((name) => [name, { cpuSeconds: round(cpuTotals[name]!, 1), peakRssMiB: Math.round(peaks[name] ?? 0) }])),
      ...(profiles ? { profiles } : {}),
    };
    const files = writeBenchReport(outDir, stamp, report, options);
    say(`report: ${files.json}; process logs: ${path.join(options.outDir, "logs", stamp)}\n${files.markdownText}`);
  } finally {
    await cleanUp();
  }
}

/** Waits until both consumers got everything sent; or nothing arrived for 15 s while no job is
 * left on the queues (what is missing then is lost, not late); or the limit. */
async function drain(trackers: Record<string, TelegramTracker>, limitSeconds: number, queues: () => Promise<number>): Promise<number> {
  const started = Date.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const left = Object.values(trackers).reduce((a, t) => a + Math.max(0, t.outstanding), 0);
    if (left === 0) return round((Date.now() - started) / 1000, 1);
    if (left !== last) {
      last = left;
      lastChange = Date.now();
    }
    if (Date.now() - started > limitSeconds * 1000) return round((Date.now() - started) / 1000, 1);
    if (Date.now() - lastChange > 15_000) {
      const pending = await queues().catch(() => 0);
      if (pending === 0) return round((Date.now() - started) / 1000, 1);
      lastChange = Date.now() - 10_000; // look again in 5 s
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function runCeiling(url: string, samples: { topic: string; payload: Buffer }[], count: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tw-bench-"));
  try {
    const file = path.join(dir, "samples.json");
    writeFileSync(file, JSON.stringify(samples.map((s) => ({ topic: s.topic, payload: s.payload.toString() }))));
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(here, "pipeline/ceiling-publisher.ts"), url, file, String(count)], { cwd: repoRoot, encoding: "utf8" });
    const parsed = JSON.parse(out.trim().split("\n").pop()!) as { messages: number; seconds: number; messagesPerSecond: number; cpuSeconds: number };
    return { ...parsed, seconds: round(parsed.seconds, 2), messagesPerSecond: Math.round(parsed.messagesPerSecond), cpuSeconds: round(parsed.cpuSeconds, 2), sampleMessages: samples.length, meanPayloadBytes: Math.round(samples.reduce((a, s) => a + s.payload.length, 0) / Math.max(1, samples.length)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per process, the summary of its busiest thread's profile (the main thread, not tsx's loader). */
function readProfiles(dir: string) {
  const out: Record<string, ReturnType<typeof summariseProfile>> = {};
  for (const name of readdirSync(dir)) {
    const summaries = readdirSync(path.join(dir, name))
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => summariseProfile(path.join(dir, name, f)));
    const busiest = summaries.sort((a, b) => b.busyMs - a.busyMs)[0];
    if (busiest) out[name] = busiest;
  }
  return { dir: path.relative(repoRoot, dir), ...out };
}

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

function fmtLatency(l: { p50: number; p95: number; p99: number } | undefined): string {
  return l ? `${l.p50}/${l.p95}/${l.p99}` : "n/a";
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

