import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channels, type TeachInEvent } from "@tidewire/config";
import {
  closeSqlPool,
  createDb,
  createSqlPool,
  SecretBox,
  upsertDevice,
  upsertTenant,
  type Db,
  type SqlPool,
} from "@tidewire/db";
import { deliveryQueueName } from "../pipeline/queues";
import { createRedis } from "../redis/connections";
import { DailyMessageQuota } from "./daily-message-quota";
import { LiveAudience } from "./live-audience";
import { MessageSink, type ProcessedMessage } from "./message-sink";

const redis = createRedis(process.env.REDIS_URL!);
// Pattern subscriptions do not count as subscribers of a channel (PUBSUB NUMSUB): this connection
// sees what is published without being an audience itself.
const observer = createRedis(process.env.REDIS_URL!);
const watcher = createRedis(process.env.REDIS_URL!);
const prefix = `${process.env.REDIS_PREFIX}:sink-${randomBytes(3).toString("hex")}`;
const box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
let db: Db;
let sql: SqlPool;
let sink: MessageSink;
let tenantId: string;
let device: ProcessedMessage["device"];
const seen = new Map<string, string[]>();

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  sql = createSqlPool(process.env.DATABASE_URL!, { poolSize: 2 });
  const tenant = await upsertTenant(db, { slug: `sink-${randomBytes(4).toString("hex")}`, name: "sink" });
  tenantId = tenant.id;
  const stored = await upsertDevice(db, box, tenantId, { sourceEurid: "0c0c0001", eep: "A5-02-05" });
  device = { id: stored.id, sourceEurid: stored.sourceEurid, eep: stored.eep, friendlyId: "", location: "", tags: [] };
  sink = new MessageSink({
    db,
    sql,
    redis,
    prefix,
    quota: new DailyMessageQuota({ db, redis, prefix, licensePublicKey: undefined }),
    // A loaded machine may answer NUMSUB slowly: the last answer stands meanwhile, however long.
    audience: new LiveAudience(redis, { graceMs: 60_000 }),
  });
  observer.on("pmessage", (_pattern: string, channel: string, payload: string) => {
    seen.set(channel, [...(seen.get(channel) ?? []), payload]);
  });
  await observer.psubscribe(`${prefix}:*`);
});

afterAll(async () => {
  await sink.close();
  observer.disconnect();
  watcher.disconnect();
  redis.disconnect();
  await closeSqlPool(sql);
  await db.$disconnect();
});

let n = 0;
function message(): ProcessedMessage {
  n += 1;
  return {
    device,
    telegramId: `sink-${n}`,
    seenAt: new Date(),
    rssi: 60,
    message: { sensor: { friendlyId: "" }, telemetry: { data: [{ key: "temperature", value: n }] } },
    receptions: [],
  };
}

/** Emits one message; answers whether the observer saw it on the live channel. */
async function emitSeen(): Promise<boolean> {
  const live = channels.live(prefix, tenantId);
  const before = seen.get(live)?.length ?? 0;
  await sink.emit(tenantId, [message()]);
  // Redis answers the observer's PING after the messages published before it.
  await observer.ping();
  return (seen.get(live)?.length ?? 0) > before;
}

describe("MessageSink's live view", () => {
  it("publishes no message while nobody watches the tenant's live view, and publishes again within about a second of someone starting to", async () => {
    // Until Redis has answered how many listen, the sink publishes; then it stops.
    await vi.waitFor(async () => expect(await emitSeen()).toBe(false), { timeout: 20_000, interval: 100 });
    for (let i = 0; i < 15; i += 1) {
      expect(await emitSeen()).toBe(false);
      await new Promise((r) => setTimeout(r, 100));
    }

    const received: string[] = [];
    watcher.on("message", (_channel: string, payload: string) => received.push(payload));
    await watcher.subscribe(channels.live(prefix, tenantId));
    await vi.waitFor(async () => expect(await emitSeen()).toBe(true), { timeout: 20_000, interval: 100 });
    // The watcher's own connection may hear it a moment after the observer's.
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0));
    const last = JSON.parse(received.at(-1)!) as { deviceId: string; message: unknown };
    expect(last.deviceId).toBe(device.id);
    // A watcher's page picks one device's messages out of the stream by this text.
    expect(received.at(-1)).toContain(`"deviceId":"${device.id}"`);
  });

  it("always publishes teach-in telegrams, watched or not", async () => {
    const teachIn: TeachInEvent = {
      sourceEurid: "0c0c00ff",
      teachInType: "4BS",
      seenAt: new Date().toISOString(),
      rssi: 70,
      gateway: "gw",
    };
    const channel = channels.teachIn(prefix, tenantId);
    for (let i = 0; i < 3; i += 1) {
      await sink.emit(tenantId, [], [teachIn]);
      await new Promise((r) => setTimeout(r, 400));
    }
    await observer.ping();
    expect(seen.get(channel)?.map((p) => JSON.parse(p) as unknown)).toEqual([teachIn, teachIn, teachIn]);
  });
});

describe("MessageSink's live view and the history", () => {
  it("announces a message on the live view only once its history row can be read (the portal reads it back at once)", async () => {
    // A slow history write: the announcement must still not come before the row.
    const query = sql.query.bind(sql) as (text: string, values: unknown[]) => Promise<unknown>;
    const slowed = vi.spyOn(sql, "query").mockImplementation((async (text: string, values: unknown[]) => {
      if (text.includes(`INSERT INTO "TelemetryRecord"`)) await new Promise((r) => setTimeout(r, 500));
      return query(text, values);
    }) as never);
    const reader = createRedis(process.env.REDIS_URL!);
    const found: boolean[] = [];
    try {
      reader.on("message", (_channel: string, payload: string) => {
        const { message } = JSON.parse(payload) as { message: { telemetry: { data: { value: number }[] } } };
        const value = message.telemetry.data[0]!.value;
        void db.telemetryRecord.count({ where: { telegramId: `sink-${value}` } }).then((rows) => found.push(rows === 1));
      });
      await reader.subscribe(channels.live(prefix, tenantId));
      // The sink publishes while it knows someone listens; the reader is that someone.
      await vi.waitFor(async () => expect(await emitSeen()).toBe(true), { timeout: 20_000, interval: 100 });
      await vi.waitFor(() => expect(found.length).toBeGreaterThan(0), { timeout: 10_000 });
      expect(found.every(Boolean)).toBe(true);
    } finally {
      slowed.mockRestore();
      reader.disconnect();
    }
  });
});

describe("MessageSink's targets", () => {
  it("sends to a target created after the tenant's list was read, once told targets changed, without waiting for the list to age", async () => {
    await sink.emit(tenantId, [message()]); // reads (and caches) the tenant's list: no targets yet
    const target = await db.egressTarget.create({
      data: { tenantId, kind: "BUILTIN_MQTT", name: `sink-${randomBytes(3).toString("hex")}`, config: { topic: "devices/{sourceEurid}/telemetry", qos: 1 } },
    });
    const queue = new Queue(deliveryQueueName(target.id), { connection: redis, prefix });
    try {
      await sink.emit(tenantId, [message()]);
      expect(await queue.getWaitingCount()).toBe(0); // the cached list does not have it yet
      sink.forgetTargets();
      await sink.emit(tenantId, [message()]);
      const [job] = await queue.getWaiting();
      expect((job?.data as { messages: { telegramId: string }[] }).messages.map((m) => m.telegramId)).toEqual([`sink-${n}`]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
