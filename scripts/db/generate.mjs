// Generates the Prisma client into packages/db/src/generated. Plain JS so the bootstrap of
// `npm start` / `npm test` can run it before anything else is built.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const result = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/prisma/build/index.js"), "generate"],
  {
    cwd: root,
    stdio: process.argv.includes("--quiet") ? ["ignore", "ignore", "inherit"] : "inherit",
    env: {
      ...process.env,
      // The CLI validates the datasource URL even though generate never connects.
      DATABASE_URL: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/tidewire",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
);
process.exit(result.status ?? 1);
