// npm run bench:portal — how fast the portal's heavy reads answer on realistic volumes:
//  - a month-long chart of one device (one telegram a minute), among neighbours that report as
//    often, through the chart history (TelemetryPoint) and, for comparison, straight from the
//    telegram history's JSON;
//  - the devices table of a tenant with 10,000 devices: first page, a search, a sort.
// Uses its own database (dropped afterwards unless --keep) on the machine's PostgreSQL. Timings
// are printed and written to bench-results/; nothing asserts them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { applyMigrations, dropDatabase, ensureDatabase, repoRoot } from "@tidewire/db/admin";
import { createDb, insertTelemetry, queryDevices, SecretBox, telemetrySeries, upsertDevices, upsertTenant, type TelemetryRow } from "@tidewire/db";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const NEIGHBOURS = Number(args.get("neighbours") ?? 10);
const DAYS = Number(args.get("days") ?? 30);
const TABLE_DEVICES = Number(args.get("devices") ?? 10_000);
const RUNS = 7;

const base = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
base.pathname = `/tidewire_bench_${Date.now().toString(36)}`;
const databaseUrl = base.toString();

const log = (text: string) => console.log(text);
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(run: () => Promise<T>): Promise<{ median: number; min: number; max: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)!, result };
}

await ensureDatabase(databaseUrl);
await applyMigrations(databaseUrl);
const db = createDb(databaseUrl);
const box = new SecretBox(Buffer.alloc(32, 9).toString("base64"));
const results: Record<string, unknown> = { neighbours: NEIGHBOURS, days: DAYS, tableDevices: TABLE_DEVICES };

try {
  // ── a month of telemetry ──
  const tenant = await upsertTenant(db, { slug: "bench-history", name: "Bench history" });
  const eurids = Array.from({ length: NEIGHBOURS + 1 }, (_, i) => (0x0b000000 + i).toString(16).padStart(8, "0"));
  await upsertDevices(db, box, tenant.id, eurids.map((e) => ({ sourceEurid: e, eep: "A5-04-01" })));
  const devices = await db.device.findMany({ where: { tenantId: tenant.id }, orderBy: { sourceEurid: "asc" } });
  const target = devices[0]!;
  const end = new Date();
  end.setUTCSeconds(0, 0);
  const start = new Date(end.getTime() - DAYS * 86_400_000);
  const minutes = DAYS * 1440;
  log(`seeding ${minutes.toLocaleString("en")} telegrams for each of ${devices.length} devices (${(minutes * devices.length).toLocaleString("en")} rows)…`);
  const seedStart = performance.now();
  const batch: TelemetryRow[] = [];
  for (let m = 0; m < minutes; m++) {
    const time = new Date(start.getTime() + m * 60_000);
    for (const d of devices) {
      batch.push({
        tenantId: tenant.id,
        deviceId: d.id,
        time,
        telegramId: `${d.id}-${m}`,
        data: [
          { key: "humidity", value: 40 + 10 * Math.sin(m / 300), unit: "%" },
          { key: "temperature", value: 21 + 2 * Math.sin(m / 700), unit: "°C" },
          { key: "learn", value: "notPressed", meaning: "Data telegram" },
        ],
        signal: [],
        rssi: 60 + (m % 20),
        rawData: "a5000000",
        receptions: [{ gatewayId: "g", gateway: "bench-gw", rssi: 60, at: time.getTime() }],
      });
    }
    // Batches of the size a worker writes (a few hundred telegrams).
    if (batch.length >= 250) await insertTelemetry(db, batch.splice(0));
  }
  await insertTelemetry(db, batch.splice(0));
  // What autovacuum does to an insert-mostly table soon after the inserts (PostgreSQL 13+): the
  // visibility map it sets is what makes the chart's index-only scan skip the table.
  await db.$executeRawUnsafe('VACUUM (ANALYZE) "TelemetryPoint"');
  await db.$executeRawUnsafe('VACUUM (ANALYZE) "TelemetryRecord"');
  const points = await db.telemetryPoint.count();
  results.seedSeconds = (performance.now() - seedStart) / 1000;
  results.telemetryRows = minutes * devices.length;
  results.points = points;
  log(`seeded in ${(results.seedSeconds as number).toFixed(0)} s (${Math.round((minutes * devices.length) / (results.seedSeconds as number)).toLocaleString("en")} telegrams/s written by one writer, history and chart points together): ${points.toLocaleString("en")} chart points`);

  const month = await timed(() => telemetrySeries(db, tenant.id, target.id, { from: start, to: end, maxPoints: 500 }));
  const week = await timed(() => telemetrySeries(db, tenant.id, target.id, { from: new Date(end.getTime() - 7 * 86_400_000), to: end, maxPoints: 500 }));
  const day = await timed(() => telemetrySeries(db, tenant.id, target.id, { from: new Date(end.getTime() - 86_400_000), to: end, maxPoints: 500 }));
  const buckets = Object.values(month.result.series).reduce((n, s) => n + s.length, 0);
  log(`month chart (chart history): median ${ms(month.median)} (min ${ms(month.min)}, max ${ms(month.max)}), ${Object.keys(month.result.series).length} series, ${buckets} buckets of ${month.result.bucketSeconds} s`);
  log(`week chart: median ${ms(week.median)}; day chart: median ${ms(day.median)}`);

  // The design this replaced: read the month's telegrams and take the numbers out of their JSON.
  const viaJson = await timed(() =>
    // (the same bucket size as the month chart above)
    db.$queryRawUnsafe(
      `SELECT e->>'key' AS key, date_bin(interval '7200 seconds', t.time, TIMESTAMP '1970-01-01') AS b, avg((e->>'value')::float8)
         FROM "TelemetryRecord" t, jsonb_array_elements(t.data) e
        WHERE t."deviceId" = $1 AND t.time >= ($2::timestamptz AT TIME ZONE 'UTC') AND jsonb_typeof(e->'value') = 'number'
        GROUP BY 1, 2`,
      target.id,
      start.toISOString(),
    ),
  );
  log(`month chart straight from the telegram JSON (for comparison): median ${ms(viaJson.median)}`);
  const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT key, date_bin(interval '7200 seconds', time, TIMESTAMP '1970-01-01') AS b, avg(value) FROM "TelemetryPoint"
      WHERE "deviceId" = $1 AND "tenantId" = $2 AND time >= ($3::timestamptz AT TIME ZONE 'UTC') AND time < ($4::timestamptz AT TIME ZONE 'UTC') GROUP BY 1, 2`,
    target.id,
    tenant.id,
    start.toISOString(),
    end.toISOString(),
  );
  results.monthChart = { medianMs: month.median, minMs: month.min, maxMs: month.max, buckets, bucketSeconds: month.result.bucketSeconds };
  results.weekChartMedianMs = week.median;
  results.dayChartMedianMs = day.median;
  results.monthViaJsonMedianMs = viaJson.median;
  results.monthChartPlan = plan.map((r) => r["QUERY PLAN"]);

  // ── the devices table ──
  const big = await upsertTenant(db, { slug: "bench-table", name: "Bench table" });
  log(`onboarding ${TABLE_DEVICES.toLocaleString("en")} devices…`);
  for (let i = 0; i < TABLE_DEVICES; i += 2000) {
    await upsertDevices(
      db,
      box,
      big.id,
      Array.from({ length: Math.min(2000, TABLE_DEVICES - i) }, (_, j) => ({
        sourceEurid: (0x0c000000 + i + j).toString(16),
        eep: ["A5-02-05", "A5-04-01", "D2-14-41", "F6-02-01"][(i + j) % 4]!,
        friendlyId: `Sensor ${String(i + j).padStart(5, "0")}`,
        location: `Building ${(i + j) % 7} / Level ${(i + j) % 12}`,
        tags: [`floor-${(i + j) % 12}`],
      })),
    );
  }
  await db.$executeRawUnsafe(`UPDATE "Device" SET "lastSeenAt" = now() - (random() * interval '2 days'), "lastRssi" = 50 + floor(random() * 40) WHERE "tenantId" = $1`, big.id);
  await db.$executeRawUnsafe('ANALYZE "Device"');
  const table: Record<string, number> = {};
  for (const [name, query] of [
    ["first page, by name", { pageSize: 50 }],
    ["page 150, by name", { pageSize: 50, page: 150 }],
    ["search 'level 7'", { search: "level 7", pageSize: 50 }],
    ["search EURID '0c00270'", { search: "0c00270", pageSize: 50 }],
    ["sort by last seen, newest first", { sort: "lastSeenAt", direction: "desc", pageSize: 50 }],
    ["filter by tag", { tag: "floor-3", pageSize: 50 }],
  ] as const) {
    const r = await timed(() => queryDevices(db, big.id, query as Parameters<typeof queryDevices>[2]));
    table[name] = r.median;
    log(`devices table, ${name}: median ${ms(r.median)} (${r.result.total.toLocaleString("en")} matching)`);
  }
  results.devicesTableMedianMs = table;

  const out = path.join(repoRoot, "bench-results");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `portal-queries-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`results written to ${path.relative(repoRoot, file)}`);
} finally {
  await db.$disconnect();
  if (!args.has("keep")) await dropDatabase(databaseUrl);
}
