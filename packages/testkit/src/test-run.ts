import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { generateLicenseKeyPair } from "@tidewire/license";

/** Everything a test run needs to be isolated from other runs on the same machine. */
export interface TestRunEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  TIDEWIRE_MASTER_KEY: string;
  AUTH_SECRET: string;
  BROKER_INTERNAL_SECRET: string;
  LICENSE_SIGNING_KEY: string;
  LICENSE_PUBLIC_KEY: string;
  /** e-mails the run's processes send land here as .eml files */
  MAIL_OUTBOX_DIR: string;
  MQTT_TEST_URL: string;
}

const TEST_DB_PREFIX = "tidewire_test_";

export function newTestRunEnv(base: NodeJS.ProcessEnv = process.env): TestRunEnv {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const db = new URL(base.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  db.pathname = `/${TEST_DB_PREFIX}${runId}`;
  const license = generateLicenseKeyPair();
  return {
    DATABASE_URL: db.toString(),
    REDIS_URL: base.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `twtest:${runId}`,
    TIDEWIRE_MASTER_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BROKER_INTERNAL_SECRET: randomBytes(24).toString("base64url"),
    LICENSE_SIGNING_KEY: license.privateKey,
    LICENSE_PUBLIC_KEY: license.publicKey,
    MAIL_OUTBOX_DIR: path.join(tmpdir(), `tidewire-outbox-${runId}`),
    MQTT_TEST_URL: base.TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883",
  };
}

/** Drops test databases left behind by runs that were killed more than `olderThanHours` ago
 * (a run's name starts with its start time in base 36). */
export async function dropStaleTestDatabases(adminUrl: string, olderThanHours = 6): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${TEST_DB_PREFIX}%`],
    );
    const cutoff = Date.now() - olderThanHours * 3600_000;
    for (const { datname } of rows) {
      const started = parseInt(datname.slice(TEST_DB_PREFIX.length, TEST_DB_PREFIX.length + 8), 36);
      if (Number.isFinite(started) && started < cutoff) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        dropped.push(datname);
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}
