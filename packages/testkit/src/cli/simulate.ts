// tidewire-simulate: simulated gateways and sensors sending EnOcean telegrams to Tidewire.
//
//   demo (npm start):  tidewire-simulate --url ws://localhost:8080/gateway/v1 --token <token> --demo [--interval 5]
//   Aruba APs:         tidewire-simulate --url https://localhost:8080 --protocol aruba --username u --password p \
//                        --gateways 10 --sensors 500 --hear 3 [--rate 200] [--secure 0.1] [--faults split=0.05]
//   generic gateways:  tidewire-simulate --url http://localhost:8080 --token <token> --gateways 5 --sensors 100
//   set a tenant up first (needs DATABASE_URL, TIDEWIRE_MASTER_KEY, LICENSE_SIGNING_KEY): add --setup <tenant-slug>
//
// Ctrl-C stops; --duration stops after that many seconds; --report writes the figures as JSON.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_DEVICES } from "@tidewire/db/demo-devices";
import { z } from "zod";
import { parseFaults } from "../simulator/faults";
import { GatewaySimulator } from "../simulator/gateway-simulator";
import { createFleet, fleetOf } from "../simulator/sensor-fleet";
import { setupTenant } from "./setup-tenant";

const USAGE = `tidewire-simulate: simulated gateways and sensors sending EnOcean telegrams to Tidewire

  --url <url>            ingest: http(s)://host:8080 (or ws(s)://host:8080/gateway/v1)
  --protocol <p>         generic (default) or aruba
  --token <token>        generic: the tenant's gateway token
  --username, --password aruba: the tenant's Aruba credentials
  --gateways <n>         gateways / access points (1)
  --sensors <m>          sensors (10), a realistic EEP mix with their own reporting intervals
  --hear <k>             gateways that hear each telegram, with different RSSI (1)
  --rate <r>             readings per second over the fleet (default: the sensors' intervals)
  --secure <share>       share of secure sensors, 0..1 (0)
  --faults <spec>        e.g. garbage=0.01,split=0.05,corrupt=0.01,disconnect=0.001
  --controller <n>       aruba: access points per websocket (1 = Instant APs)
  --health <s>           aruba: health report interval in seconds (120)
  --duration <s>         stop after this many seconds (default: Ctrl-C)
  --ca <file>            CA certificate to trust (npm run certs writes .tidewire/certs/ca.pem)
  --seed <n>             the same seed gives the same fleet and values (1)
  --report <file>        write the figures as JSON
  --setup <tenant>       first create the tenant, license, credentials and onboard the sensors
                         (needs DATABASE_URL, TIDEWIRE_MASTER_KEY and LICENSE_SIGNING_KEY)
  --demo [--interval s]  send the demo tenant's sensors every s seconds (npm start)
  --gateway-id <prefix>  generic gateway ids: <prefix>001, <prefix>002... (sim-gw-)`;

const { values } = parseArgs({
  options: {
    help: { type: "boolean", default: false },
    url: { type: "string" },
    protocol: { type: "string", default: "generic" },
    token: { type: "string" },
    username: { type: "string" },
    password: { type: "string" },
    demo: { type: "boolean", default: false },
    interval: { type: "string", default: "5" },
    // prefix of generic gateway ids: sim-gw-001, sim-gw-002...
    "gateway-id": { type: "string", default: "sim-gw-" },
    gateways: { type: "string", default: "1" },
    sensors: { type: "string", default: "10" },
    hear: { type: "string", default: "1" },
    rate: { type: "string" },
    secure: { type: "string", default: "0" },
    faults: { type: "string", default: "" },
    controller: { type: "string", default: "1" },
    health: { type: "string", default: "120" },
    duration: { type: "string" },
    ca: { type: "string" },
    seed: { type: "string", default: "1" },
    report: { type: "string" },
    setup: { type: "string" },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const number = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().min(min, `--${name}: at least ${min}`).max(max, `--${name}: at most ${max}`);
const args = z
  .object({
    url: z.string().regex(/^(https?|wss?):\/\//, "--url: Tidewire's gateway endpoint, e.g. http://localhost:8080 or ws://localhost:8080/gateway/v1"),
    protocol: z.enum(["generic", "aruba"], { message: "--protocol: generic or aruba" }),
    token: z.string().min(8).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    demo: z.boolean(),
    interval: number("interval", 0.05),
    "gateway-id": z.string().min(1),
    gateways: number("gateways", 1, 100_000).int(),
    sensors: number("sensors", 1, 1_000_000).int(),
    hear: number("hear", 1, 16).int(),
    rate: number("rate", 0.001).optional(),
    secure: number("secure", 0, 1),
    faults: z.string(),
    controller: number("controller", 1, 10_000).int(),
    health: number("health", 0),
    duration: number("duration", 0.1).optional(),
    ca: z.string().optional(),
    seed: number("seed", 0).int(),
    help: z.boolean(),
    report: z.string().optional(),
    setup: z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "--setup: a tenant slug").optional(),
  })
  .safeParse(values);
if (!args.success) {
  for (const issue of args.error.issues) console.error(issue.message);
  process.exit(2);
}
const a = args.data;
let faults;
try {
  faults = parseFaults(a.faults);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

// One base URL (http or https) serves /auth/aruba, /aruba and /gateway/v1.
const base = new URL(a.url);
base.protocol = base.protocol === "wss:" || base.protocol === "https:" ? "https:" : "http:";
base.pathname = "/";
const baseUrl = base.toString().replace(/\/$/, "");

const sensors = a.demo
  ? fleetOf(DEMO_DEVICES, { gateways: a.gateways, hearing: a.hear, intervalMs: a.interval * 1000, seed: a.seed })
  : createFleet({ sensors: a.sensors, gateways: a.gateways, hearing: a.hear, secureShare: a.secure, seed: a.seed });

let credentials: { token?: string | undefined; username?: string | undefined; password?: string | undefined } = { token: a.token, username: a.username, password: a.password };
if (a.setup) {
  credentials = await setupTenant({ slug: a.setup, protocol: a.protocol, gateways: a.gateways, sensors, ...credentials });
  console.log(`tenant ${a.setup}: ${sensors.length} sensors onboarded, license for ${a.gateways} gateways`);
  if (a.protocol === "aruba") console.log(`Aruba credentials: ${credentials.username} / ${credentials.password}`);
  else console.log(`gateway token: ${credentials.token}`);
}
if (a.protocol === "generic" && !credentials.token) {
  console.error("--token: the gateway token (or --setup <tenant> to create one)");
  process.exit(2);
}
if (a.protocol === "aruba" && (!credentials.username || !credentials.password)) {
  console.error("--username and --password: the tenant's Aruba credentials (or --setup <tenant> to create them)");
  process.exit(2);
}

const simulator = new GatewaySimulator({
  protocol: a.protocol,
  url: baseUrl,
  ...(a.ca ? { ca: readFileSync(a.ca) } : {}),
  ...(credentials.token ? { token: credentials.token } : {}),
  ...(credentials.username ? { username: credentials.username } : {}),
  ...(credentials.password ? { password: credentials.password } : {}),
  accessPointsPerConnection: a.controller,
  healthIntervalMs: a.health * 1000,
  gateways: a.gateways,
  sensors,
  ...(a.rate ? { rate: a.rate } : {}),
  faults,
  seed: a.seed,
  gatewayIdPrefix: a["gateway-id"],
});

await simulator.start();
console.log(
  `simulating ${sensors.length} sensors on ${a.gateways} ${a.protocol} gateway(s), each telegram heard by ${Math.min(a.hear, a.gateways)}` +
    (a.rate ? `, ${a.rate} readings/s` : a.demo ? `, every ${a.interval} s` : ", at their own intervals"),
);

let stopping = false;
const progress = setInterval(() => {
  const r = simulator.report();
  console.log(`${r.readings} readings, ${r.frames} frames (${r.framesPerSecond}/s), ${r.droppedFrames} dropped while disconnected`);
}, 10_000);
progress.unref();

async function finish(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(progress);
  const report = await simulator.stop();
  console.log(`sent ${report.readings} readings as ${report.frames} frames in ${(report.durationMs / 1000).toFixed(1)} s (${report.framesPerSecond} frames/s)`);
  if (a.report) writeFileSync(a.report, JSON.stringify(report, null, 2));
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void finish());

await simulator.run(a.duration !== undefined ? { durationMs: a.duration * 1000 } : {});
await finish();
