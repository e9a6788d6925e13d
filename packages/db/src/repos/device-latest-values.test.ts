import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { closeSqlPool, createSqlPool, type SqlPool } from "../sql-pool";
import { recordLatestMessages, upsertDevice } from "./devices";
import { upsertTenant } from "./tenants";

let db: Db;
let pool: SqlPool;
let tenantId: string;
let deviceId: string;

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  // One connection: its statistics are the ones flushed below.
  pool = createSqlPool(process.env.DATABASE_URL!, { poolSize: 1 });
  tenantId = (await upsertTenant(db, { slug: `latest-${randomBytes(4).toString("hex")}`, name: "latest values" })).id;
  deviceId = (await upsertDevice(db, new SecretBox(Buffer.alloc(32, 7).toString("base64")), tenantId, { sourceEurid: "0e0e0001", eep: "A5-02-05" })).id;
});
afterAll(async () => {
  await closeSqlPool(pool);
  await db.$disconnect();
});

async function hotUpdates(): Promise<number> {
  await pool.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await pool.query<{ n: string }>(`SELECT n_tup_hot_upd AS n FROM pg_stat_user_tables WHERE relname = 'Device'`);
  return Number(rows[0]?.n ?? 0);
}

it("writes a device's latest value with every telegram as a HOT update (no new index entries, cleaned up without VACUUM)", async () => {
  const before = await hotUpdates();
  const updates = 40;
  for (let i = 0; i < updates; i++) {
    const message = { telemetry: { data: [{ key: "temperature", value: 20 + i / 10 }] }, padding: "x".repeat(600) };
    await recordLatestMessages(pool, tenantId, [{ deviceId, message, seenAt: new Date(Date.now() + i * 1000), rssi: 60 + (i % 5) }]);
  }
  await pool.query("SELECT pg_stat_force_next_flush()");
  // Other tests update devices too; they can only add to the count. The first update may have to
  // move the row to a page with room for its larger version (not HOT); the rest stay on that page.
  // With lastSeenAt indexed, none would be HOT.
  await vi.waitFor(async () => expect((await hotUpdates()) - before).toBeGreaterThanOrEqual(updates - 2), { timeout: 15_000, interval: 200 });
  const device = await db.device.findUniqueOrThrow({ where: { id: deviceId } });
  expect(device.lastRssi).toBe(60 + ((updates - 1) % 5));
});

it("never puts an older message back over a newer one (batches written out of order)", async () => {
  const box = new SecretBox(Buffer.alloc(32, 7).toString("base64"));
  const id = (await upsertDevice(db, box, tenantId, { sourceEurid: "0e0e0002", eep: "A5-02-05" })).id;
  const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, s));
  await recordLatestMessages(pool, tenantId, [{ deviceId: id, message: { n: 2 }, seenAt: at(2), rssi: 62 }]);
  await recordLatestMessages(pool, tenantId, [{ deviceId: id, message: { n: 1 }, seenAt: at(1), rssi: 61 }]);
  let device = await db.device.findUniqueOrThrow({ where: { id } });
  expect([device.lastMessage, device.lastSeenAt, device.lastRssi]).toEqual([{ n: 2 }, at(2), 62]);
  await recordLatestMessages(pool, tenantId, [{ deviceId: id, message: { n: 3 }, seenAt: at(3), rssi: 63 }]);
  device = await db.device.findUniqueOrThrow({ where: { id } });
  expect(device.lastMessage).toEqual({ n: 3 });
});
