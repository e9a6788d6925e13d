import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface RunningWeb {
  url: string;
  stop: () => Promise<void>;
  output: () => string;
}

/** Starts the built portal (`next start`, as production runs it) against the test run's
 * database and Redis. `npm test` builds it first. */
export async function startWeb(env: NodeJS.ProcessEnv = process.env): Promise<RunningWeb> {
  const webDir = path.join(root, "apps/web");
  if (!existsSync(path.join(webDir, ".next/BUILD_ID"))) {
    throw new Error("apps/web is not built: run `npm run build` (npm test does it for you).");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: webDir,
      env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: url, PUBLIC_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/sign-in`);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
