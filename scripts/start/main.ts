// npm start — brings up the whole system on this machine: checks (and if need be starts)
// PostgreSQL and Redis, creates and migrates the database, seeds the demo tenant, builds, and
// runs the web, ingest, worker and broker roles plus a simulated gateway. Ctrl-C stops it all.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { loadConfig, ConfigError } from "@tidewire/config";
import { applyMigrations, ensureDatabase, repoRoot } from "@tidewire/db/admin";
import { createDb, DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, SecretBox, seedDemo } from "@tidewire/db";
import { loadLocalState } from "../lib/local-state";
import { ensureService, postgresSpec, reachable, redisSpec, ServiceUnavailableError } from "../lib/local-services";
import { ProcessGroup } from "../lib/process-group";

const root = repoRoot;
const state = loadLocalState(root);
const env: NodeJS.ProcessEnv = { ...state, ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig({ env, require: ["TIDEWIRE_MASTER_KEY", "AUTH_SECRET", "BROKER_INTERNAL_SECRET", "LICENSE_SIGNING_KEY", "LICENSE_PUBLIC_KEY"] });
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const step = (text: string) => console.log(`• ${text}`);

try {
  step("Checking PostgreSQL and Redis");
  const pg = await ensureService(postgresSpec(config.DATABASE_URL));
  if (pg === "started") step("  started the local PostgreSQL server");
  const redis = await ensureService(redisSpec(config.REDIS_URL, path.join(root, ".tidewire/redis")));
  if (redis === "started") step("  started a local Redis server (data in .tidewire/redis)");
} catch (error) {
  fail(error instanceof ServiceUnavailableError ? error.message : String(error));
}

for (const [name, port] of [["portal (WEB_PORT)", config.WEB_PORT], ["gateway endpoint (INGEST_PORT)", config.INGEST_PORT], ["MQTT broker (BROKER_PORT)", config.BROKER_PORT], ["MQTT over websockets (BROKER_WS_PORT)", config.BROKER_WS_PORT]] as const) {
  if (await reachable("127.0.0.1", port, 300)) fail(`Port ${port} for the ${name} is already in use. Stop what holds it or set ${name.match(/\((\w+)\)/)![1]} to a free port.`);
}

step(`Preparing database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
await ensureDatabase(config.DATABASE_URL);
await applyMigrations(config.DATABASE_URL);
const db = createDb(config.DATABASE_URL);
await seedDemo(db, new SecretBox(config.TIDEWIRE_MASTER_KEY), {
  ownerPassword: state.DEMO_OWNER_PASSWORD,
  adminPassword: state.DEMO_ADMIN_PASSWORD,
  gatewayToken: state.DEMO_GATEWAY_TOKEN,
  apiKeyId: state.DEMO_API_KEY_ID,
  apiKeySecret: state.DEMO_API_KEY_SECRET,
}, {}, config.LICENSE_SIGNING_KEY);
await db.$disconnect();

step("Building (cached after the first start)");
try {
  execFileSync(process.execPath, [path.join(root, "node_modules/turbo/bin/turbo"), "run", "build", "--output-logs=errors-only"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
} catch {
  fail("The build failed; see the messages above.");
}

const logDir = path.join(root, ".tidewire/logs");
const group = new ProcessGroup(logDir, (name, code, logTail) => {
  console.error(`\n✖ ${name} stopped unexpectedly (exit code ${code}). Last lines of ${path.join(logDir, name + ".log")}:\n${logTail}\n`);
  void shutdown(1);
});
const ingestMain = path.join(root, "apps/ingest/dist/main.js");
// Each role process serves its own Prometheus metrics, so each gets its own METRICS_PORT.
const roleEnv = (roles: string, metricsPort: number): NodeJS.ProcessEnv => ({ ...env, ROLES: roles, NODE_ENV: "production", METRICS_PORT: String(metricsPort) });
group.start("broker", process.execPath, [ingestMain], { cwd: root, env: roleEnv("broker", config.METRICS_PORT + 2) });
group.start("worker", process.execPath, [ingestMain], { cwd: root, env: roleEnv("worker", config.METRICS_PORT) });
group.start("ingest", process.execPath, [ingestMain], { cwd: root, env: roleEnv("ingest", config.METRICS_PORT + 1) });
group.start("web", process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(config.WEB_PORT)], {
  cwd: path.join(root, "apps/web"),
  env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: config.PUBLIC_URL },
});
group.start(
  "simulator",
  process.execPath,
  [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "packages/testkit/src/cli/simulate.ts"),
   "--url", `ws://127.0.0.1:${config.INGEST_PORT}/gateway/v1`, "--token", state.DEMO_GATEWAY_TOKEN, "--demo", "--interval", "5"],
  { cwd: root, env },
);

for (let i = 0; i < 120 && !(await reachable("127.0.0.1", config.WEB_PORT, 300)); i++) await new Promise((r) => setTimeout(r, 500));

console.log(`
Tidewire is running.

  Portal          ${config.PUBLIC_URL}
    tenant owner  ${DEMO_OWNER_EMAIL} / ${state.DEMO_OWNER_PASSWORD}
    platform admin ${DEMO_ADMIN_EMAIL} / ${state.DEMO_ADMIN_PASSWORD}

  MQTT (built-in broker, demo tenant's topics)
    mqtt://localhost:${config.BROKER_PORT}   ws://localhost:${config.BROKER_WS_PORT}
    username ${state.DEMO_API_KEY_ID}   password ${state.DEMO_API_KEY_SECRET}
    topic    devices/+/telemetry
    e.g.     mosquitto_sub -h localhost -p ${config.BROKER_PORT} -u ${state.DEMO_API_KEY_ID} -P '${state.DEMO_API_KEY_SECRET}' -t 'devices/+/telemetry' -v

  Gateways        ws://localhost:${config.INGEST_PORT}/gateway/v1 (a simulated gateway is sending demo telegrams every 5 s)
  Logs            ${logDir}/

Press Ctrl-C to stop.
`);

let exiting = false;
async function shutdown(code: number) {
  if (exiting) return;
  exiting = true;
  console.log("\nStopping…");
  await group.stop();
  console.log("Stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
