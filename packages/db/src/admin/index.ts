export { ensureDatabase, dropDatabase } from "./ensure-database";
export { applyMigrations, runPrismaCli, repoRoot } from "./prisma-cli";
