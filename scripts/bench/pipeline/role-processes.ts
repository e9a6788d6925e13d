// The system under test: apps/ingest/src/main.ts started once per role (ingest, broker, N
// workers), as separate processes like `npm start` and production run them.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import { freePort, isListening } from "@tidewire/testkit";

export interface RoleProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  /** its Prometheus metrics */
  metricsUrl: string;
}

export interface RoleProcessesOptions {
  env: Record<string, string>;
  workers: number;
  partitions: number;
  /** write CPU profiles of ingest and workers to this folder */
  profileDir?: string;
  /** each process's output goes to <name>.log here */
  logDir: string;
}

export interface RunningSystem {
  ingestUrl: string;
  brokerUrl: string;
  processes: RoleProcess[];
  stop(): Promise<void>;
}

/** Starts broker, workers and ingest; resolves once each listens (workers: their metrics port). */
export async function startRoleProcesses(options: RoleProcessesOptions): Promise<RunningSystem> {
  const brokerPort = await freePort();
  const ingestPort = await freePort();
  const common: Record<string, string> = {
    ...options.env,
    NODE_ENV: "production",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    TELEGRAM_PARTITIONS: String(options.partitions),
    BROKER_PORT: String(brokerPort),
    BROKER_WS_PORT: String(await freePort()),
    BROKER_INTERNAL_URL: `mqtt://127.0.0.1:${brokerPort}`,
    BROKER_HOST: "127.0.0.1",
    INGEST_PORT: String(ingestPort),
    INGEST_HOST: "127.0.0.1",
    // The benchmark's MQTT target is a Mosquitto on loopback.
    ALLOW_PRIVATE_EGRESS: "true",
  };
  const processes: RoleProcess[] = [];
  /** `listens`: the port that says it is up; a worker listens on nothing but its metrics port */
  const start = async (name: string, roles: string, listens: number | "metrics", profile: boolean) => {
    const metricsPort = await freePort();
    const nodeArgs = ["--import", "tsx"];
    if (profile && options.profileDir) {
      // One folder per process: the main thread and tsx's loader thread each write a profile.
      const dir = path.join(options.profileDir, name);
      mkdirSync(dir, { recursive: true });
      nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${dir}`);
    }
    let output = "";
    const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, "apps/ingest/src/main.ts")], {
      cwd: repoRoot,
      env: { ...process.env, ...common, ROLES: roles, METRICS_PORT: String(metricsPort) } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    mkdirSync(options.logDir, { recursive: true });
    const log = createWriteStream(path.join(options.logDir, `${name}.log`));
    const keep = (d: Buffer) => {
      log.write(d);
      output = (output + d.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const proc: RoleProcess = { name, pid: child.pid!, child, output: () => output, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
    processes.push(proc);
    await waitForPort(listens === "metrics" ? metricsPort : listens, proc);
  };
  await start("broker", "broker", brokerPort, false);
  for (let i = 1; i <= options.workers; i++) await start(`worker-${i}`, "worker", "metrics", true);
  await start("ingest", "ingest", ingestPort, true);
  return {
    ingestUrl: `http://127.0.0.1:${ingestPort}`,
    brokerUrl: `mqtt://127.0.0.1:${brokerPort}`,
    processes,
    stop: () => stopAll(processes),
  };
}

async function waitForPort(port: number, proc: RoleProcess, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output()}`);
    if (await isListening(port)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${proc.name} did not listen on ${port} within ${timeoutMs / 1000} s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}


/** Ingest first (no new frames), then workers, then the broker; SIGKILL after 20 s. */
async function stopAll(processes: RoleProcess[]): Promise<void> {
  const order = [...processes].sort((a, b) => rank(a.name) - rank(b.name));
  for (const proc of order) {
    if (proc.child.exitCode !== null) continue;
    const exited = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
    proc.child.kill("SIGTERM");
    const timer = setTimeout(() => proc.child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

function rank(name: string): number {
  return name === "ingest" ? 0 : name.startsWith("worker") ? 1 : 2;
}
