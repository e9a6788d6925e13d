// The JSON report of a fault run: bench-results/faults-<run>.json, one entry per scenario, with
// the machine it ran on.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import type { TraceCounts } from "./trace-ledger";

export interface ScenarioReport {
  scenario: string;
  passed: boolean;
  durationSeconds: number;
  targets: TraceCounts[];
  /** anything else the scenario measured (timings, memory, fuzz counts) */
  notes?: Record<string, unknown>;
}

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

export function reportPath(): string {
  return path.join(repoRoot, "bench-results", `faults-${process.env.FAULTS_RUN_ID ?? "adhoc"}.json`);
}

export function writeScenarioReport(entry: ScenarioReport): void {
  const file = reportPath();
  mkdirSync(path.dirname(file), { recursive: true });
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { scenarios: ScenarioReport[] })
    : { startedAt: new Date().toISOString(), machine: machine(), scenarios: [] as ScenarioReport[] };
  report.scenarios = report.scenarios.filter((s) => s.scenario !== entry.scenario).concat(entry);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
}
