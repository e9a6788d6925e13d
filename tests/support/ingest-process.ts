// Runs apps/ingest as a separate process (ROLES=ingest) against the test run's database and
// Redis: what a second ingest replica behind a load balancer is.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "@tidewire/db/admin";
import { freePort, isListening } from "@tidewire/testkit";

export interface IngestProcess {
  port: number;
  httpUrl: string;
  wsUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startIngestProcess(env: Record<string, string> = {}): Promise<IngestProcess> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), path.join(repoRoot, "apps/ingest/src/main.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ROLES: "ingest",
      INGEST_PORT: String(port),
      INGEST_HOST: "127.0.0.1",
      TELEGRAM_PARTITIONS: "4",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ingest process exited with ${child.exitCode}:\n${output}`);
    if (await isListening(port)) break;
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`ingest process did not listen on ${port} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

