import os from "node:os";
import { expect } from "vitest";
import { writeScenarioReport } from "./fault-report";
import type { FaultSystem } from "./fault-system";
import type { TraceCounts, TraceLedger } from "./trace-ledger";

export interface ScenarioOutcome {
  targets: TraceCounts[];
  notes: Record<string, unknown>;
}

/** Sends load while `fault` runs, waits for every target to catch up, writes the scenario's
 * report entry and returns the counts (the test asserts on them). */
export async function underLoad(
  system: FaultSystem,
  scenario: string,
  options: { rate: number; ledgers?: TraceLedger[]; drainMs?: number; excused?: (at: number) => boolean },
  fault: (notes: Record<string, unknown>) => Promise<void>,
): Promise<ScenarioOutcome> {
  const started = Date.now();
  // The machine's load while the scenario ran: other work on a shared machine slows the pipeline.
  const notes: Record<string, unknown> = { offeredTelegramsPerSecond: options.rate, loadAverageAtStart: os.loadavg()[0], rssKbBefore: system.rss() };
  const ledgers = options.ledgers ?? [system.ledgers.builtin, system.ledgers.mqtt];
  let passed = false;
  let targets: TraceCounts[] = [];
  try {
    system.load.start(options.rate);
    await fault(notes);
    system.load.stop();
    notes.droppedAtGateway = system.load.droppedAtGateway;
    const drainStarted = Date.now();
    await system.drained(ledgers, options.drainMs ?? 600_000, options.excused);
    notes.drainSeconds = Math.round((Date.now() - drainStarted) / 100) / 10;
    notes.rssKbAfter = system.rss();
    notes.loadAverageAtEnd = os.loadavg()[0];
    targets = ledgers.map((l) => system.counts(l, options.excused));
    passed = targets.every((t) => t.lost === 0 && t.sent > 0);
    return { targets, notes };
  } finally {
    system.load.stop();
    writeScenarioReport({ scenario, passed, durationSeconds: Math.round((Date.now() - started) / 1000), targets, notes });
  }
}

/** Nothing that was accepted is lost, every telegram arrives, and none overtakes an earlier one
 * of the same device. */
export function expectNothingLost(outcome: ScenarioOutcome, { ordered = true } = {}): void {
  for (const t of outcome.targets) {
    expect({ target: t.target, lost: t.lost, lostSample: t.lostSample, foreign: t.foreign }).toEqual({ target: t.target, lost: 0, lostSample: [], foreign: 0 });
    expect(t.sent).toBeGreaterThan(0);
    if (ordered) expect({ target: t.target, outOfOrder: t.outOfOrder }).toEqual({ target: t.target, outOfOrder: 0 });
  }
}
