import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), "main.ts");
const tsx = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules/tsx/dist/cli.mjs");

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, [tsx, main], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("the ingest/worker/broker process", () => {
  it("stops with a message naming each variable that is wrong or missing", () => {
    const result = run({ DATABASE_URL: "mysql://db/tidewire", ROLES: "ingest" });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain("DATABASE_URL: expected a URL starting with postgresql:// or postgres://");
    expect(result.stderr).toContain("TIDEWIRE_MASTER_KEY: required");
    expect(result.stderr).toContain("BROKER_INTERNAL_SECRET: required");
  });
});
