// Command-line options of `npm run bench` (scripts/bench/pipeline-bench.ts).

export interface BenchOptions {
  quick: boolean;
  workers: number;
  sensors: number;
  gateways: number;
  /** gateways hearing each telegram */
  hearing: number;
  /** a telegram's copies leave the gateways up to this many ms apart */
  spreadMs: number;
  secureShare: number;
  /** offered load of the latency phase, readings/s */
  fixedRate: number;
  fixedSeconds: number;
  /** warm-up rate, and how long: long enough for every sensor to send once */
  warmupRate: number;
  warmupSeconds: number;
  rampStart: number;
  rampStep: number;
  rampMax: number;
  rampStepSeconds: number;
  /** messages the plain publisher sends for the ceiling */
  ceilingMessages: number;
  partitions: number;
  /** node --cpu-prof on the ingest and worker processes */
  profile: boolean;
  /** use this Mosquitto instead of a private one (mqtt://host:port, anonymous) */
  mosquittoUrl?: string;
  databaseUrl: string;
  redisUrl: string;
  outDir: string;
}

/** telegrams/s of the warm-up: well within what two cores carry */
const WARMUP_RATE = 1000;

const HELP = `npm run bench [-- options]

Runs the real ingest, worker and broker processes against this machine's PostgreSQL, Redis and a
Mosquitto, fed by the gateway simulator in its own process, and reports throughput, latency, the
highest sustained rate, CPU and memory per process and the plain-publisher ceiling.
Writes bench-results/pipeline-<time>.json and .md.

  --quick              a first look in under two minutes (shorter phases, fewer ramp steps)
  --workers N          worker processes (default 1)
  --sensors N          simulated sensors (default 20000)
  --gateways N         simulated gateways (default 100)
  --hearing N          gateways hearing each telegram (default 3)
  --spread-ms N        a telegram's copies leave the gateways up to N ms apart, at random
                       (default 10, as access points of one site forward them; 0: all at once)
  --fixed-rate N       telegrams/s of the latency phase (default 2000)
  --ramp-start N       first rate of the ramp (default 1000)
  --ramp-step N        ramp increment (default 1000)
  --ramp-max N         last rate tried (default 16000)
  --partitions N       telegram queue partitions (default 16)
  --profile            write CPU profiles of ingest and workers (bench-results/profiles/)
  --mosquitto URL      an existing anonymous Mosquitto instead of a private one
Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/tidewire_bench,
dropped and recreated each run), BENCH_REDIS_URL (default redis://127.0.0.1:6379; keys under
twbench:<run>, removed afterwards).`;

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n\n${HELP}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags.set(name, inline);
    else if (next !== undefined && !next.startsWith("--") && !["quick", "profile"].includes(name)) {
      flags.set(name, next);
      i++;
    } else flags.set(name, true);
  }
  const known = ["quick", "workers", "sensors", "gateways", "hearing", "spread-ms", "fixed-rate", "ramp-start", "ramp-step", "ramp-max", "partitions", "profile", "mosquitto"];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}\n\n${HELP}`);
  const num = (name: string, fallback: number) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
    return n;
  };
  const quick = flags.has("quick");
  const mosquitto = flags.get("mosquitto");
  return {
    quick,
    workers: Math.floor(num("workers", 1)),
    sensors: Math.floor(num("sensors", 20_000)),
    gateways: Math.floor(num("gateways", 100)),
    hearing: Math.floor(num("hearing", 3)),
    spreadMs: flags.get("spread-ms") === "0" ? 0 : Math.floor(num("spread-ms", 10)),
    secureShare: 0.1,
    fixedRate: num("fixed-rate", 2000),
    fixedSeconds: quick ? 15 : 40,
    // Every sensor sends once before the measured phases, so the system knows each device as a
    // running installation does (the device cache, and the gateways that hear it: early release).
    warmupRate: WARMUP_RATE,
    warmupSeconds: Math.ceil(Math.floor(num("sensors", 20_000)) / WARMUP_RATE),
    // From low rates up, so the highest sustained rate is found on a small machine as well.
    rampStart: num("ramp-start", 1000),
    rampStep: num("ramp-step", 1000),
    rampMax: num("ramp-max", quick ? 10_000 : 16_000),
    rampStepSeconds: quick ? 8 : 20,
    ceilingMessages: quick ? 40_000 : 150_000,
    partitions: Math.floor(num("partitions", 16)),
    profile: flags.has("profile"),
    ...(typeof mosquitto === "string" ? { mosquittoUrl: mosquitto } : {}),
    databaseUrl: env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/tidewire_bench",
    redisUrl: env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
    outDir: "bench-results",
  };
}
