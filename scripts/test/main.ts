// npm test — every test, against the machine's real PostgreSQL, Redis and Mosquitto. Each run
// gets its own database and Redis key prefix (tests/support/global-setup.ts), removed afterwards.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import { ensureService, mosquittoSpec, postgresSpec, redisSpec, ServiceUnavailableError } from "../lib/local-services";
import { ensureChromium } from "./chromium";

const root = repoRoot;
const args = process.argv.slice(2);
const step = (text: string) => console.log(`• ${text}`);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const databaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const mqttUrl = process.env.TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883";

try {
  step("Checking PostgreSQL, Redis and Mosquitto");
  await ensureService(postgresSpec(databaseUrl));
  await ensureService(redisSpec(redisUrl, path.join(root, ".tidewire/redis-test")));
  await ensureService(mosquittoSpec(mqttUrl));
} catch (error) {
  fail(error instanceof ServiceUnavailableError ? error.message : String(error));
}

let chromium: string;
try {
  chromium = process.env.CHROMIUM_PATH ?? ensureChromium();
} catch (error) {
  fail((error as Error).message);
}

step("Building (cached when nothing changed)");
try {
  execFileSync(process.execPath, [path.join(root, "node_modules/turbo/bin/turbo"), "run", "build", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
} catch {
  fail("The build failed; see the messages above.");
}

step("Running the tests");
const vitest = spawn(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" },
});
vitest.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
