// Gives the "services" test project its own PostgreSQL database and Redis key prefix, migrated
// once per run and removed afterwards. Workers inherit the variables set here.
import { applyMigrations, dropDatabase, ensureDatabase } from "@tidewire/db/admin";
import { deleteRedisPrefix, dropStaleTestDatabases, newTestRunEnv } from "@tidewire/testkit";

export default async function setup() {
  const env = newTestRunEnv();
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = "/postgres";
  try {
    await dropStaleTestDatabases(admin.toString());
    await ensureDatabase(env.DATABASE_URL);
  } catch (error) {
    throw new Error(
      `The tests need PostgreSQL at ${admin.host} (user postgres, trust auth): ${(error as Error).message}. ` +
        "Start it (pg_ctlcluster <version> main start) or run `docker compose up -d postgres redis`.",
    );
  }
  await applyMigrations(env.DATABASE_URL);
  Object.assign(process.env, env, { NODE_ENV: "test", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });

  return async () => {
    if (process.env.TIDEWIRE_KEEP_TEST_DB) return;
    await dropDatabase(env.DATABASE_URL);
    await deleteRedisPrefix(env.REDIS_URL, env.REDIS_PREFIX);
  };
}
