// Global setup of `npm run test:faults`: the services project's database and settings, a fresh
// build of the process the scenarios run (apps/ingest/dist/main.js), and where this run's report
// and process logs go.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import baseSetup from "../../support/global-setup";

export default async function setup() {
  execFileSync(process.execPath, ["build.mjs"], { cwd: path.join(repoRoot, "apps/ingest"), stdio: "inherit" });
  const runId = new Date().toISOString().replace(/[:.]/g, "-");
  const logDir = path.join(repoRoot, "bench-results", `faults-${runId}-logs`);
  mkdirSync(logDir, { recursive: true });
  Object.assign(process.env, { FAULTS_RUN_ID: runId, FAULTS_LOG_DIR: logDir });
  const teardown = await baseSetup();
  return teardown;
}
