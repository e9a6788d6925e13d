import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** True when something accepts TCP connections on host:port within the timeout. */
export function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

interface ServiceSpec {
  name: string;
  host: string;
  port: number;
  /** Ways to start a locally installed server, tried in order when the binary exists. */
  starters: { binary: string; run: () => void }[];
  install: string;
}

export class ServiceUnavailableError extends Error {}

/** Makes sure a service answers; starts the locally installed server when it does not, and
 * otherwise explains exactly what to install. */
export async function ensureService(spec: ServiceSpec): Promise<"running" | "started"> {
  if (await reachable(spec.host, spec.port)) return "running";
  const local = ["127.0.0.1", "localhost", "::1"].includes(spec.host);
  const tried: string[] = [];
  if (local) {
    for (const starter of spec.starters) {
      if (!has(starter.binary)) continue;
      tried.push(starter.binary);
      try {
        starter.run();
      } catch {
        continue;
      }
      for (let i = 0; i < 40; i++) {
        if (await reachable(spec.host, spec.port)) return "started";
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  throw new ServiceUnavailableError(
    `${spec.name} is not reachable at ${spec.host}:${spec.port}` +
      (tried.length ? ` and could not be started with ${tried.join(", ")}` : local ? " and is not installed here" : "") +
      `.\n  Install it: ${spec.install}\n  or run the services in containers: docker compose up -d postgres redis` +
      `\n  or point the configuration at a running one (see the configuration table in README.md).`,
  );
}

export function postgresSpec(databaseUrl: string): ServiceSpec {
  const url = new URL(databaseUrl);
  return {
    name: "PostgreSQL",
    host: url.hostname,
    port: Number(url.port || 5432),
    starters: [
      {
        binary: "pg_ctlcluster",
        run: () => {
          const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql") : [];
          for (const version of versions) {
            execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "ignore" });
          }
        },
      },
      { binary: "brew", run: () => execFileSync("brew", ["services", "start", "postgresql"], { stdio: "ignore" }) },
      { binary: "systemctl", run: () => execFileSync("systemctl", ["start", "postgresql"], { stdio: "ignore" }) },
    ],
    install: "Debian/Ubuntu: sudo apt install postgresql · macOS: brew install postgresql@16",
  };
}

export function redisSpec(redisUrl: string, dataDir: string): ServiceSpec {
  const url = new URL(redisUrl);
  const port = Number(url.port || 6379);
  return {
    name: "Redis",
    host: url.hostname,
    port,
    starters: [
      {
        binary: "redis-server",
        run: () => {
          mkdirSync(dataDir, { recursive: true });
          // Same durability as production: append-only file, fsync every second, no eviction.
          execFileSync(
            "redis-server",
            ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", String(port), "--dir", dataDir,
             "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction",
             "--logfile", path.join(dataDir, "redis.log")],
            { stdio: "ignore" },
          );
        },
      },
      { binary: "brew", run: () => execFileSync("brew", ["services", "start", "redis"], { stdio: "ignore" }) },
    ],
    install: "Debian/Ubuntu: sudo apt install redis-server · macOS: brew install redis",
  };
}

export function mosquittoSpec(mqttUrl: string): ServiceSpec {
  const url = new URL(mqttUrl);
  return {
    name: "Mosquitto (MQTT broker for the egress tests)",
    host: url.hostname,
    port: Number(url.port || 1883),
    starters: [
      {
        binary: "mosquitto",
        run: () => {
          const conf = "/etc/mosquitto/mosquitto.conf";
          execFileSync("mosquitto", existsSync(conf) ? ["-d", "-c", conf] : ["-d", "-p", String(url.port || 1883)], { stdio: "ignore" });
        },
      },
    ],
    install: "Debian/Ubuntu: sudo apt install mosquitto · macOS: brew install mosquitto",
  };
}
