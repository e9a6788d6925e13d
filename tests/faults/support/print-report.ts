// Prints a fault run's JSON report as the Markdown table docs/reliability.md keeps:
//   npx tsx tests/faults/support/print-report.ts bench-results/faults-<time>.json [more.json]
import { readFileSync } from "node:fs";
import type { ScenarioReport } from "./fault-report";

const rows: string[] = ["| scenario | target | sent | delivered | lost | lost in the fault window | duplicates | out of order | nothing lost |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"];
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8")) as { machine: Record<string, unknown>; scenarios: ScenarioReport[] };
  for (const s of report.scenarios) {
    for (const t of s.targets) {
      rows.push(`| ${s.scenario} | ${t.target.replace(/^.*?-(builtin|mqtt|enos-[a-z-]+)$/, "$1")} | ${t.sent} | ${t.delivered} | ${t.lost} | ${t.lostInFaultWindow} | ${t.duplicates} | ${t.outOfOrder} | ${s.passed ? "yes" : "no"} |`);
    }
  }
  process.stderr.write(`${file}: ${JSON.stringify(report.machine)}\n`);
}
process.stdout.write(rows.join("\n") + "\n");
