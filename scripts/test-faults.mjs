#!/usr/bin/env node
// npm run test:faults [-- --soak] [-- <vitest arguments>]: the fault scenarios of
// docs/reliability.md. --soak adds the 30-minute soak at 1,000 telegrams/s (not for CI).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes("--soak")) env.FAULTS_SOAK = "1";
const rest = args.filter((a) => a !== "--soak");
const result = spawnSync(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "vitest.faults.config.ts", ...rest], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
