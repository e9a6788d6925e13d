// One Tidewire process (apps/ingest/dist/main.js, as production runs it) with the roles given,
// that the test can kill (SIGKILL), stop (SIGTERM) and start again with the same settings.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import { sleep } from "./wait";

export interface RoleProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as on a crash or OOM kill */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop */
  stop(): Promise<void>;
  /** resident memory now (kB), from /proc */
  rssKb(): number | null;
  logTail(lines?: number): string;
}

const READY: Record<string, string> = {
  ingest: "gateway endpoints listening",
  worker: "workers running",
  broker: "built-in MQTT broker listening",
};

export function roleProcess(name: string, roles: string, env: Record<string, string>, logDir: string): RoleProcess {
  let child: ChildProcess | undefined;
  let log: WriteStream | undefined;
  const logFile = path.join(logDir, `${name}.log`);
  const main = path.join(repoRoot, "apps/ingest/dist/main.js");
  const ready = roles.split(",").map((r) => READY[r]!);
  const proc: RoleProcess = {
    name,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (proc.running) return;
      log ??= createWriteStream(logFile, { flags: "a" });
      let output = "";
      const c = spawn(process.execPath, ["--enable-source-maps", main], {
        cwd: repoRoot,
        env: { ...process.env, ...env, ROLES: roles, NODE_ENV: "production", LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? "info" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = c;
      const take = (d: Buffer) => {
        log?.write(d);
        if (output.length < 200_000) output += d.toString();
      };
      c.stdout?.on("data", take);
      c.stderr?.on("data", take);
      const started = Date.now();
      while (!ready.every((line) => output.includes(line))) {
        if (c.exitCode !== null) throw new Error(`${name} exited with ${c.exitCode}:\n${output.slice(-4000)}`);
        if (Date.now() - started > 90_000) throw new Error(`${name} was not ready within 90 s:\n${output.slice(-4000)}`);
        await sleep(100);
      }
      // From here on only the log file keeps the output.
      output = "";
      c.stdout?.off("data", take);
      c.stderr?.off("data", take);
      c.stdout?.on("data", (d: Buffer) => log?.write(d));
      c.stderr?.on("data", (d: Buffer) => log?.write(d));
    },
    kill: () => end("SIGKILL"),
    stop: () => end("SIGTERM"),
    rssKb() {
      if (!proc.running || !child?.pid) return null;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const m = /VmRSS:\s+(\d+)/.exec(status);
        return m ? Number(m[1]) : null;
      } catch {
        return null;
      }
    },
    logTail(lines = 40) {
      try {
        return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
      } catch {
        return "";
      }
    },
  };
  async function end(signal: NodeJS.Signals) {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
    c.kill(signal);
    const timer = setTimeout(() => c.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
  return proc;
}
