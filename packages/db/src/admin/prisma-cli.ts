import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The repository root: prisma.config.ts and prisma/ live there. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Runs the Prisma CLI (wasm engine, see prisma.config.ts) and resolves with its output. */
export function runPrismaCli(
  args: string[],
  options: { databaseUrl: string; quiet?: boolean },
): Promise<string> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      if (!options.quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d;
      if (!options.quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`prisma ${args.join(" ")} failed (${code}):\n${out}`)),
    );
  });
}

/** Creates the database if needed and applies every pending migration. */
export async function applyMigrations(databaseUrl: string, quiet = true): Promise<void> {
  await runPrismaCli(["migrate", "deploy"], { databaseUrl, quiet });
}
