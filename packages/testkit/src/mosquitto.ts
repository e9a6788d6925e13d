import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface MosquittoInstance {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stop and start again on the same port (a broker restart) */
  restart(): Promise<void>;
  dispose(): Promise<void>;
  /** the running broker's process id (benchmarks read its CPU time) */
  pid(): number | undefined;
}

function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`mosquitto did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** A private Mosquitto (/usr/sbin/mosquitto) on its own port, with a password file when users are
 * given, that a test can stop and restart. */
export async function startMosquitto(options: { users?: Record<string, string>; binary?: string; /** extra mosquitto.conf lines */ config?: string[] } = {}): Promise<MosquittoInstance> {
  const dir = mkdtempSync(path.join(tmpdir(), "tw-mosquitto-"));
  const port = await freePort();
  // Started as root, mosquitto would drop to its own user and no longer read our temp folder.
  const lines = [`listener ${port} 127.0.0.1`, "persistence false", ...(process.getuid?.() === 0 ? ["user root"] : [])];
  if (options.users) {
    const passwd = path.join(dir, "passwd");
    writeFileSync(passwd, "");
    for (const [user, password] of Object.entries(options.users)) {
      const r = spawnSync("mosquitto_passwd", ["-b", passwd, user, password]);
      if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr.toString()}`);
    }
    lines.push("allow_anonymous false", `password_file ${passwd}`);
  } else lines.push("allow_anonymous true");
  lines.push(...(options.config ?? []));
  const conf = path.join(dir, "mosquitto.conf");
  writeFileSync(conf, lines.join("\n") + "\n");
  let child: ChildProcess | undefined;
  const instance: MosquittoInstance = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      child = spawn(options.binary ?? "/usr/sbin/mosquitto", ["-c", conf], { stdio: "ignore" });
      await waitForPort(port);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGTERM");
      });
    },
    async restart() {
      await instance.stop();
      await instance.start();
    },
    pid: () => child?.pid,
    async dispose() {
      await instance.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await instance.start();
  return instance;
}
