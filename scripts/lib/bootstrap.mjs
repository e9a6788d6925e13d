// Shared by `npm start` and `npm test` before dependencies exist: plain Node, no imports
// beyond node: built-ins.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureInstalled() {
  const marker = path.join(root, "node_modules/.package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  console.log("Installing dependencies (npm install)…");
  // Not `npm ci`: npm 11 drops other platforms' optional packages (turbo's, esbuild's) from the
  // lockfile and then refuses it. `npm install` still installs the locked versions.
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("npm could not install the dependencies; see the messages above.");
    process.exit(result.status ?? 1);
  }
}

/** Runs a TypeScript entry point with tsx and exits with its code. Ctrl-C reaches the child
 * through the terminal's process group; this wrapper only waits for it to finish cleaning up. */
export function runTs(entry, args = []) {
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, path.join(root, entry), ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (signal === "SIGTERM") child.kill("SIGTERM");
    });
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
