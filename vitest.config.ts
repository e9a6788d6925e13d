import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const exclude = ["**/node_modules/**", "**/dist/**", "**/.next/**"];

// Two projects: pure unit tests that need nothing running, and everything that talks to the
// machine's PostgreSQL, Redis and Mosquitto. The second gets its own database and Redis key
// prefix for the run (tests/support/global-setup.ts), dropped afterwards.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/decoder/**/*.test.ts", "packages/config/**/*.test.ts", "packages/license/**/*.test.ts", "packages/uplinks/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "services",
          include: [
            "packages/*/src/**/*.test.{ts,tsx}",
            "apps/*/src/**/*.test.{ts,tsx}",
            "tests/**/*.test.ts",
          ],
          exclude: [...exclude, "packages/decoder/**", "packages/config/**", "packages/license/**", "packages/uplinks/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: "forks",
        },
        // apps/web's server modules run in tests without Next.js: its "@/" path alias, and the
        // "server-only" guard, which only Next's bundler resolves to an empty module.
        resolve: {
          alias: {
            "@/": fileURLToPath(new URL("./apps/web/src/", import.meta.url)),
            "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
          },
        },
      },
    ],
  },
});
