// Bundles the process into dist/main.js. Workspace packages (TypeScript source) are bundled in;
// npm dependencies stay external and are loaded from node_modules at run time.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith("@tidewire/"));
// Dependencies of the workspace packages that are bundled in.
external.push("@prisma/client", "@prisma/adapter-pg", "pg", "zod", "ioredis");

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  external,
  banner: { js: "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
