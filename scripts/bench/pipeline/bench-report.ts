// The benchmark's JSON report and its Markdown summary (bench-results/, not committed).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchOptions } from "./bench-options";
import { MACHINE, SERVICES } from "./process-usage";
import type { HotFunction } from "./profile-summary";
import type { StageLatency } from "./stage-latency";

export interface PhaseResult {
  name: string;
  /** offered load asked of the simulator, readings/s */
  targetRate: number;
  seconds: number;
  /** what the simulator actually sent */
  offered: { readingsPerSecond: number; telegramsPerSecond: number; framesPerSecond: number };
  /** frames (per gateway reception) and telegrams (per device) counted in the tenant's statistics */
  counted: { framesPerSecond: number; telegramsPerSecond: number };
  deliveredPerSecond: { builtin: number; mosquitto: number };
  /** messages sent but not yet received by the slower consumer */
  outstandingAtEnd: number;
  cpuSeconds: Record<string, number>;
}

export interface RampStep extends PhaseResult {
  backlogAtStart: number;
  backlogAtMid: number;
  backlogGrowthPerSecond: number;
  sustained: boolean;
  simulatorLimited: boolean;
}

type Latency = { samples: number; p50: number; p95: number; p99: number; max: number; fromIngest?: { p50: number; p95: number; p99: number } };

export interface BenchReport {
  startedAt: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: number[]; loadAverageAtEnd: number[] };
  setup: { sensors: number; secureSensors: number; gateways: number; hearing: number; spreadMs?: number; workers: number; partitions: number; gatewaysConnected: number };
  phases: PhaseResult[];
  /** what Redis ran during the fixed load (INFO commandstats), per command */
  redisCommands?: Record<string, { calls: number; usec: number }>;
  /** queue jobs added during the fixed load: telegram batches (all partitions), delivery batches (all targets) */
  queueJobs?: { telegramJobs: number; deliveryJobs: number };
  latencyMs: Record<string, Latency>;
  /** the stage histograms of the processes over the fixed load (and its drain) */
  stages?: StageLatency[];
  ramp: RampStep[];
  highestSustained?: { telegramsPerSecond: number; framesPerSecond: number; deliveredPerSecond: { builtin: number; mosquitto: number }; lastStepFailed: boolean; rampMaxReached: boolean };
  delivery: {
    builtin: { sent: number; received: number; duplicates: number; extras: number; missing: number; unreadable: number };
    mosquitto: { sent: number; received: number; duplicates: number; extras: number; missing: number; unreadable: number };
    drainedInSeconds: number;
    /** jobs still on the telegram and delivery queues when the benchmark stopped waiting */
    pendingJobsAtEnd?: number;
  };
  ceiling: { messages: number; seconds: number; messagesPerSecond: number; cpuSeconds: number; sampleMessages: number; meanPayloadBytes: number; ratio: number; ratioBasis: string };
  processes: Record<string, { cpuSeconds: number; peakRssMiB: number }>;
  profiles?: { dir: string } & Record<string, unknown>;
  costPerTelegram?: ReturnType<typeof costPerTelegram>;
}

const TARGET_SUSTAINED = 10_000;
const TARGET_P99_MS = 100;
/** the offered load at which the p99 target applies */
const TARGET_P99_RATE = 2000;

export function writeBenchReport(outDir: string, stamp: string, report: BenchReport, options: BenchOptions) {
  const json = path.join(outDir, `pipeline-${stamp}.json`);
  const md = path.join(outDir, `pipeline-${stamp}.md`);
  const costs = costPerTelegram(report);
  writeFileSync(json, JSON.stringify({ ...report, ...(costs ? { costPerTelegram: costs } : {}) }, null, 2) + "\n");
  const markdownText = markdown(report, options);
  writeFileSync(md, markdownText);
  return { json, md, markdownText };
}

function markdown(r: BenchReport, options: BenchOptions): string {
  const fixed = r.phases.find((p) => p.name === "fixed load");
  const worstP99 = Math.max(...Object.values(r.latencyMs).map((l) => l.p99));
  const best = r.highestSustained;
  const lines = [
    `# Tidewire pipeline benchmark — ${r.startedAt}`,
    "",
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average at start ${r.machine.loadAverage.join(" ")}, at end ${r.machine.loadAverageAtEnd.join(" ")}.`,
    `Command: \`${r.command}\`${options.quick ? " (quick: short phases, figures are a first look)" : ""}.`,
    `Setup: ${r.setup.sensors} sensors (${r.setup.secureSensors} secure), ${r.setup.gateways} gateways (${r.setup.gatewaysConnected} connected), every telegram heard by ${r.setup.hearing} (its copies up to ${r.setup.spreadMs ?? 0} ms apart); ${r.setup.workers} worker process(es), ${r.setup.partitions} partitions; targets: built-in broker and MQTT to Mosquitto.`,
    "",
    "| measure | result | target |",
    "| --- | --- | --- |",
    `| latency p50 / p95 / p99 at ${fixed?.offered.telegramsPerSecond ?? "?"} telegrams/s, built-in broker | ${lat(r.latencyMs.builtin)} ms | p99 ≤ ${TARGET_P99_MS} ms |`,
    `| latency p50 / p95 / p99, MQTT target (Mosquitto) | ${lat(r.latencyMs.mosquitto)} ms | p99 ≤ ${TARGET_P99_MS} ms |`,
    `| of which inside Tidewire (first arrival at ingest → consumer), built-in / Mosquitto, p50 / p95 / p99 | ${lat(r.latencyMs.builtin?.fromIngest)} / ${lat(r.latencyMs.mosquitto?.fromIngest)} ms | |`,
    `| highest sustained rate | ${best ? `${best.telegramsPerSecond} telegrams/s = ${best.framesPerSecond} frames/s${best.rampMaxReached ? " (ramp maximum reached)" : ""}` : "none of the ramp steps"} | ≥ ${TARGET_SUSTAINED} telegrams/s |`,
    `| delivered at that rate | built-in ${best?.deliveredPerSecond.builtin ?? "–"}/s, Mosquitto ${best?.deliveredPerSecond.mosquitto ?? "–"}/s | |`,
    `| ceiling: one plain mqtt.js publisher → Mosquitto | ${r.ceiling.messagesPerSecond} messages/s (${r.ceiling.meanPayloadBytes} B each) | |`,
    `| our Mosquitto delivery / ceiling | ${r.ceiling.ratio} (${r.ceiling.ratioBasis}) | |`,
    `| every message arrived | built-in ${r.delivery.builtin.received}/${r.delivery.builtin.sent}, Mosquitto ${r.delivery.mosquitto.received}/${r.delivery.mosquitto.sent}; redelivered ${r.delivery.builtin.duplicates} / ${r.delivery.mosquitto.duplicates}; copies not merged by duplicate removal ${r.delivery.builtin.extras} / ${r.delivery.mosquitto.extras} | none missing |`,
    "",
    `Targets: sustained ${best && best.telegramsPerSecond >= TARGET_SUSTAINED ? "met" : "NOT met"}; p99 ${
      (fixed?.targetRate ?? 0) < TARGET_P99_RATE
        ? `not judged (the latency phase ran at ${fixed?.targetRate ?? "?"} telegrams/s; the target is for ${TARGET_P99_RATE}); at this rate it was ${worstP99 <= TARGET_P99_MS ? "within" : "over"} ${TARGET_P99_MS} ms`
        : worstP99 <= TARGET_P99_MS
          ? "met"
          : "NOT met"
    }.`,
    r.delivery.builtin.missing + r.delivery.mosquitto.missing > 0
      ? `Not yet arrived when the benchmark stopped waiting (${r.delivery.drainedInSeconds} s): built-in ${r.delivery.builtin.missing}, Mosquitto ${r.delivery.mosquitto.missing}; jobs still on the queues: ${r.delivery.pendingJobsAtEnd ?? "not read"}. A backlog still draining (jobs left) is not a loss; a count that stays with the queues empty is.`
      : `Every reading's message arrived at both targets (waited ${r.delivery.drainedInSeconds} s at the end).`,
    "",
    ...machineVerdict(r, fixed),
    ...stageTable(r.stages),
    "## Phases",
    "",
    "| phase | offered telegrams/s | offered frames/s | frames/s counted | telegrams/s decoded | delivered/s built-in | delivered/s Mosquitto | backlog at end | verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...[...r.phases, ...r.ramp].map((p) => {
      const step = p as Partial<(typeof r.ramp)[number]>;
      const grows = (step.backlogGrowthPerSecond ?? 0) >= p.targetRate * 0.05;
      const verdict = step.sustained === undefined ? "" : step.sustained ? "sustained" : grows ? `backlog grows ${step.backlogGrowthPerSecond}/s${step.simulatorLimited ? " (the simulator could not offer the full rate either)" : ""}` : "the simulator could not offer it";
      return `| ${p.name} | ${p.offered.telegramsPerSecond} | ${p.offered.framesPerSecond} | ${p.counted.framesPerSecond} | ${p.counted.telegramsPerSecond} | ${p.deliveredPerSecond.builtin} | ${p.deliveredPerSecond.mosquitto} | ${p.outstandingAtEnd} | ${verdict} |`;
    }),
    "",
    "## Processes",
    "",
    "CPU seconds per phase second (1.0 = one core busy) and over the whole run; peak RSS.",
    "",
    `| process | ${[...r.phases, ...r.ramp].map((p) => p.name).join(" | ")} | CPU s total | peak RSS MiB |`,
    `| --- | ${[...r.phases, ...r.ramp].map(() => "---").join(" | ")} | --- | --- |`,
    ...Object.entries(r.processes).map(
      ([name, p]) => `| ${name} | ${[...r.phases, ...r.ramp].map((ph) => ((ph.cpuSeconds[name] ?? 0) / ph.seconds).toFixed(2)).join(" | ")} | ${p.cpuSeconds} | ${p.peakRssMiB} |`,
    ),
    `| ceiling publisher | | | | | ${r.ceiling.cpuSeconds} | |`,
    "",
  ];
  const costs = costPerTelegram(r);
  if (costs) {
    lines.push(
      "## Cost per telegram",
      "",
      `CPU milliseconds each process spent per telegram delivered (to both targets) in the "${costs.phase}" phase: much less dependent on how busy the machine was than the rates are${costs.backlogGrew ? " (but the backlog grew in that phase: the worker also decoded telegrams not yet delivered, so its figure is high)" : ""}. The system's processes together need ${costs.systemMs.toFixed(2)} ms per telegram, so ${r.machine.cpus} cores carry at most about ${costs.projected} telegrams/s with the simulator, the consumers, PostgreSQL and Redis elsewhere; with PostgreSQL and Redis (${costs.withServicesMs.toFixed(2)} ms) on the same cores, about ${costs.projectedWithServices} telegrams/s.`,
      "",
      "| process | CPU ms per telegram |",
      "| --- | --- |",
      ...Object.entries(costs.perProcess).map(([name, ms]) => `| ${name} | ${ms.toFixed(3)} |`),
      "",
    );
  }
  const fixedPhase = r.phases.find((p) => p.name === "fixed load");
  if (r.redisCommands && fixedPhase && fixedPhase.deliveredPerSecond.mosquitto > 0) {
    const telegrams = fixedPhase.deliveredPerSecond.mosquitto * fixedPhase.seconds;
    const top = Object.entries(r.redisCommands).slice(0, 12);
    const jobs = r.queueJobs;
    lines.push(
      "## Redis commands per telegram",
      "",
      ...(jobs
        ? [
            `Queue jobs during the fixed load: ${jobs.telegramJobs} telegram batches (${(telegrams / Math.max(1, jobs.telegramJobs)).toFixed(1)} telegrams each), ${jobs.deliveryJobs} delivery batches over both targets (${((2 * telegrams) / Math.max(1, jobs.deliveryJobs)).toFixed(1)} messages each).`,
            "",
          ]
        : []),
      "What Redis ran during the fixed load (its INFO commandstats; a script's own commands are counted under the script's call and again by name), per telegram delivered, most CPU first.",
      "",
      "| command | calls per telegram | Redis CPU µs per telegram |",
      "| --- | --- | --- |",
      ...top.map(([cmd, c]) => `| ${cmd} | ${(c.calls / telegrams).toFixed(2)} | ${(c.usec / telegrams).toFixed(1)} |`),
      "",
    );
  }
  if (r.profiles) {
    lines.push("## Where the time goes", "", `CPU profiles: ${r.profiles.dir}`, "");
    for (const [name, value] of Object.entries(r.profiles)) {
      if (name === "dir") continue;
      const p = value as { busyMs: number; hottest: HotFunction[]; byArea: Record<string, number> };
      lines.push(`### ${name}`, "", `Busy ${Math.round(p.busyMs / 1000)} s. By area (share of busy time): ${Object.entries(p.byArea).slice(0, 12).map(([k, v]) => `${k} ${v}%`).join(", ")}`, "", "| self % | function | where |", "| --- | --- | --- |");
      for (const h of p.hottest.slice(0, 15)) lines.push(`| ${h.selfPercent} | ${h.function} | ${h.where} |`);
      lines.push("");
    }
  }
  return lines.join("\n");
}

/** Says what limited the fixed load when the backlog grew: the cores (the whole machine busy —
 * our processes, PostgreSQL, Redis, or other work), or waiting (cores left idle: round trips and
 * one batch at a time per partition). */
function machineVerdict(r: BenchReport, fixed: PhaseResult | undefined): string[] {
  if (!fixed || fixed.outstandingAtEnd < fixed.targetRate) return [];
  const ours = Object.entries(fixed.cpuSeconds)
    .filter(([name]) => name !== MACHINE && !isService(name))
    .reduce((a, [, v]) => a + v, 0) / fixed.seconds;
  const machine = (fixed.cpuSeconds[MACHINE] ?? 0) / fixed.seconds;
  const load = Math.max(r.machine.loadAverage[0] ?? 0, r.machine.loadAverageAtEnd[0] ?? 0);
  if (machine >= r.machine.cpus * 0.8) {
    return [
      `**CPU-bound**: during the fixed load the machine's ${r.machine.cpus} cores were ${Math.round((machine / r.machine.cpus) * 100)}% busy (the benchmark's processes ${ours.toFixed(2)} cores, the rest PostgreSQL, Redis and any other work; load average up to ${load}) while the backlog grew. The cost per telegram below says which process needs the cores.`,
      "",
    ];
  }
  return [
    `**Not CPU-bound**: during the fixed load the whole machine used ${machine.toFixed(2)} of ${r.machine.cpus} cores (the benchmark's processes ${ours.toFixed(2)}) while the backlog grew: the pipeline was waiting, not computing — round trips to Redis and PostgreSQL (with their commits) done one after another, one batch at a time per partition. More concurrency per worker (or more worker processes), not less CPU per telegram, is what raises this rate.`,
    "",
  ];
}

/** Where the latency of the fixed load went, stage by stage (estimates from histogram buckets). */
function stageTable(stages: StageLatency[] | undefined): string[] {
  if (!stages?.length) return [];
  return [
    "## Where the latency goes",
    "",
    "The processes' stage histograms (docs/metrics.md) over the fixed load: a telegram passes every stage once (a batch's stages are counted per batch). p50 and p99 are estimated from the buckets.",
    "",
    "| series | stage | observed | mean ms | p50 ms | p99 ms |",
    "| --- | --- | --- | --- | --- | --- |",
    ...stages.map((s) => `| \`${s.series}\` | ${s.stage} | ${s.count} | ${s.meanMs} | ${s.p50Ms} | ${s.p99Ms} |`),
    "",
  ];
}

/** The processes of the system under test; the simulator, Mosquitto and the consumers are the test's. */
const SYSTEM = (name: string) => name === "ingest" || name === "broker" || name.startsWith("worker");
const isService = (name: string) => (SERVICES as readonly string[]).includes(name);

/** CPU per delivered telegram, from the phase that delivered the most. */
export function costPerTelegram(
  r: BenchReport,
): { phase: string; perProcess: Record<string, number>; systemMs: number; projected: number; withServicesMs: number; projectedWithServices: number; backlogGrew: boolean } | undefined {
  // Work done in a phase is what was delivered in it, backlog or not: CPU per delivery holds either way.
  const phase = [...r.phases, ...r.ramp].filter((p) => p.name !== "warm-up" && p.deliveredPerSecond.mosquitto > 0).sort((a, b) => b.deliveredPerSecond.mosquitto - a.deliveredPerSecond.mosquitto)[0];
  if (!phase) return undefined;
  const delivered = phase.deliveredPerSecond.mosquitto * phase.seconds;
  const perProcess = Object.fromEntries(Object.entries(phase.cpuSeconds).map(([name, s]) => [name, (s * 1000) / delivered]));
  const systemMs = Object.entries(perProcess).filter(([name]) => SYSTEM(name)).reduce((a, [, ms]) => a + ms, 0);
  // PostgreSQL and Redis work for the system alone (the consumers and simulator use neither).
  const withServicesMs = systemMs + Object.entries(perProcess).filter(([name]) => isService(name)).reduce((a, [, ms]) => a + ms, 0);
  const backlogGrew = phase.counted.telegramsPerSecond > phase.deliveredPerSecond.mosquitto * 1.2;
  return {
    phase: phase.name,
    perProcess,
    systemMs,
    projected: Math.round((r.machine.cpus * 1000) / systemMs),
    withServicesMs,
    projectedWithServices: Math.round((r.machine.cpus * 1000) / withServicesMs),
    backlogGrew,
  };
}

function lat(l: { p50: number; p95: number; p99: number } | undefined): string {
  return l ? `${l.p50} / ${l.p95} / ${l.p99}` : "–";
}
