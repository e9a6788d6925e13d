// A Redis of the test's own, run as production runs it: AOF with fsync every second, noeviction.
// The test can stop and start it on the same port and data folder (a Redis restart).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@tidewire/testkit";
import { waitForPort } from "./wait";

export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGTERM: Redis writes its AOF and exits (SHUTDOWN); "kill" is SIGKILL (a crash) */
  stop(how?: "term" | "kill"): Promise<void>;
  dispose(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), "tw-faults-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir, "--save", "", "--maxmemory-policy", "noeviction"],
        { stdio: "ignore" },
      );
      await waitForPort(port, 15_000, "redis-server");
    },
    async stop(how = "term") {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill(how === "kill" ? "SIGKILL" : "SIGTERM");
      });
    },
    async dispose() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
