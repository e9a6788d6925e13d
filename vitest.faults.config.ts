import { defineConfig } from "vitest/config";

// `npm run test:faults`: the fault scenarios (tests/faults, docs/reliability.md). They run the real
// processes for minutes each, one scenario at a time, so they are not part of `npm test`.
// `npm run test:faults -- --soak` adds the 30-minute soak; FAULTS_FUZZ_INPUTS sets the fuzz volume.
export default defineConfig({
  test: {
    name: "faults",
    include: ["tests/faults/**/*.fault.ts", ...(process.env.FAULTS_SOAK ? ["tests/faults/**/*.soak.ts"] : [])],
    globalSetup: ["tests/faults/support/faults-setup.ts"],
    fileParallelism: false,
    testTimeout: 45 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: "forks",
    reporters: ["verbose"],
  },
});
