import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, SecretBox, upsertDevice, upsertTenant, loadNextRlc } from "@tidewire/db";
import { encodeRadioErp1, encodeSecureTelegram, splitIntoChain, type DeviceSettings } from "@tidewire/decoder";
import { createRedis } from "../redis/connections";
import { RedisChainStore } from "./redis-chain-store";
import { RedisRlcStore } from "./redis-rlc-store";
import { RlcWriteBehind } from "./rlc-write-behind";
import { createSharedStateEngine } from "./shared-state-engine";

const redis = createRedis(process.env.REDIS_URL!);
const other = createRedis(process.env.REDIS_URL!); // a second worker's connection
const db = createDb(process.env.DATABASE_URL!);
const box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
const log = pino({ level: "silent" });
const prefix = `${process.env.REDIS_PREFIX}:stores-${randomBytes(3).toString("hex")}`;
const KEY = "869fab7d296bcc2f8a7c0a3fba38a8b7";
const SLF = "ab"; // 24-bit RLC sent in full, 3-byte CMAC, encrypted
let tenantId: string;

beforeAll(async () => {
  const tenant = await upsertTenant(db, { slug: `st-${randomBytes(4).toString("hex")}`, name: "stores" });
  tenantId = tenant.id;
  for (const eurid of ["0a0a0001", "0a0a0002", "0a0a0003", "0a0a0004"]) {
    await upsertDevice(db, box, tenantId, { sourceEurid: eurid, eep: "A5-02-05", aesKey: KEY, slf: SLF });
  }
});

afterAll(async () => {
  redis.disconnect();
  other.disconnect();
  await db.$disconnect();
});

const fragment = (idx: number, data: string, receivedAt = Date.now()) => ({ idx, data, receivedAt });

describe("RedisChainStore", () => {
  it("returns every fragment stored under a key and replaces a fragment with the same index", async () => {
    const store = new RedisChainStore(redis, prefix, "t1");
    await store.put("k1", fragment(0, "aa"), { restart: true, ttlMs: 1000 });
    await store.put("k1", fragment(1, "bb"), { restart: false, ttlMs: 1000 });
    const all = await store.put("k1", fragment(1, "cc"), { restart: false, ttlMs: 1000 });
    expect(all.map((f) => [f.idx, f.data]).sort()).toEqual([
      [0, "aa"],
      [1, "cc"],
    ]);
  });

  it("drops the chain when a different first fragment restarts it, keeps it when the same one is repeated", async () => {
    const store = new RedisChainStore(redis, prefix, "t1");
    await store.put("k2", fragment(0, "aa"), { restart: true, ttlMs: 1000 });
    await store.put("k2", fragment(1, "bb"), { restart: false, ttlMs: 1000 });
    expect((await store.put("k2", fragment(0, "aa"), { restart: true, ttlMs: 1000 })).map((f) => f.data).sort()).toEqual(["aa", "bb"]);
    expect((await store.put("k2", fragment(0, "dd"), { restart: true, ttlMs: 1000 })).map((f) => f.data)).toEqual(["dd"]);
  });

  it("shares chains between workers of one tenant, not between tenants, and forgets them after their time to live", async () => {
    const a = new RedisChainStore(redis, prefix, "t1");
    const b = new RedisChainStore(other, prefix, "t1");
    const c = new RedisChainStore(other, prefix, "t2");
    await a.put("k3", fragment(0, "aa"), { restart: true, ttlMs: 150 });
    expect(await b.put("k3", fragment(1, "bb"), { restart: false, ttlMs: 150 })).toHaveLength(2);
    expect(await c.put("k3", fragment(1, "bb"), { restart: false, ttlMs: 150 })).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.put("k3", fragment(2, "cc"), { restart: false, ttlMs: 150 })).toHaveLength(1);
    await a.delete("k3");
    expect(await redis.exists(`${prefix}:chain:t1:k3`)).toBe(0);
  });
});

describe("RedisRlcStore", () => {
  const store = (connection = redis, writeBehind = new RlcWriteBehind({ db, log })) =>
    new RedisRlcStore({ redis: connection, prefix, db, tenantId, writeBehind });

  it("sets the next rolling code only if nobody moved it in between", async () => {
    const a = store();
    const b = store(other);
    expect(await a.get("0a0a0001")).toBeUndefined();
    expect(await a.compareAndSet("0a0a0001", undefined, 0x11)).toBe(true);
    expect(await b.get("0a0a0001")).toBe(0x11);
    expect(await b.compareAndSet("0a0a0001", undefined, 0x12)).toBe(false);
    expect(await b.compareAndSet("0a0a0001", 0x11, 0x12)).toBe(true);
    expect(await a.compareAndSet("0a0a0001", 0x11, 0x13)).toBe(false);
  });

  it("lets exactly one of many concurrent workers accept the same rolling code", async () => {
    const stores = [store(), store(other), store(), store(other)];
    await stores[0]!.compareAndSet("0a0a0002", undefined, 0x100);
    const wins = await Promise.all(stores.map((s) => s.compareAndSet("0a0a0002", 0x100, 0x101)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("persists accepted codes to Postgres and restores them when Redis has lost them", async () => {
    const writeBehind = new RlcWriteBehind({ db, log });
    const s = store(redis, writeBehind);
    await s.compareAndSet("0a0a0003", undefined, 0x2a);
    await s.compareAndSet("0a0a0003", 0x2a, 0x2b);
    await writeBehind.flush();
    expect(await loadNextRlc(db, tenantId, "0a0a0003")).toBe("2b");
    await redis.del(`${prefix}:rlc:{${tenantId}:0a0a0003}`);
    const restarted = store(other);
    expect(await restarted.get("0a0a0003")).toBe(0x2b);
    expect(await redis.get(`${prefix}:rlc:{${tenantId}:0a0a0003}`)).toBe("2b");
    expect(await restarted.compareAndSet("0a0a0003", 0x2b, 0x2c)).toBe(true);
  });
});

describe("decoding with shared state across workers", () => {
  const settings: DeviceSettings = { eep: "A5-02-05", aesKey: KEY, slf: SLF };
  const secure = (rlc: number, sender: string) => {
    const sealed = encodeSecureTelegram({ aesKey: KEY, slf: parseInt(SLF, 16), rlc, rorg: 0xa5, data: Uint8Array.of(0, 0, 0x80, 0x08) });
    return encodeRadioErp1({ rorg: sealed.rorg, data: sealed.data, sender, dBm: 60 });
  };

  it("rejects on one worker a replay of a telegram another worker accepted, also after a restart", async () => {
    const workerA = createSharedStateEngine({ redis, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const workerB = createSharedStateEngine({ redis: other, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const telegram = secure(0x500, "0a0a0004");
    expect((await workerA.decodeAsync(telegram, () => settings)).kind).toBe("data");
    const replay = await workerB.decodeAsync(telegram, () => settings);
    expect(replay.kind === "error" && replay.error.code).toBe("RLC_REPLAY");
    expect((await workerB.decodeAsync(secure(0x501, "0a0a0004"), () => settings)).kind).toBe("data");
    const restarted = createSharedStateEngine({ redis, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const again = await restarted.decodeAsync(secure(0x501, "0a0a0004"), () => settings);
    expect(again.kind === "error" && again.error.code).toBe("RLC_REPLAY");
  });

  it("accepts a telegram judged again on another worker (its batch taken over after a crash), but not a replay of it", async () => {
    const crashed = createSharedStateEngine({ redis, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const takesOver = createSharedStateEngine({ redis: other, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const first = secure(0x600, "0a0a0005");
    const second = secure(0x601, "0a0a0005");
    // The crashed worker accepted both telegrams of the batch, then died before delivering them.
    expect((await crashed.decodeAsync(first, () => settings, { telegramId: "t1" })).kind).toBe("data");
    expect((await crashed.decodeAsync(second, () => settings, { telegramId: "t2" })).kind).toBe("data");
    // The batch runs again elsewhere: the same telegrams are accepted again, in order.
    expect((await takesOver.decodeAsync(first, () => settings, { telegramId: "t1" })).kind).toBe("data");
    expect((await takesOver.decodeAsync(second, () => settings, { telegramId: "t2" })).kind).toBe("data");
    // The same bytes arriving again (another telegram id: a replay over the air) are refused.
    const replay = await takesOver.decodeAsync(second, () => settings, { telegramId: "t3" });
    expect(replay.kind === "error" && replay.error.code).toBe("RLC_REPLAY");
    // Judging again changed nothing: the next telegram is still the next one.
    expect((await takesOver.decodeAsync(secure(0x602, "0a0a0005"), () => settings, { telegramId: "t4" })).kind).toBe("data");
  });

  it("completes a chained secure message whose fragments were decoded by different workers", async () => {
    const workerA = createSharedStateEngine({ redis, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const workerB = createSharedStateEngine({ redis: other, prefix, db, writeBehind: new RlcWriteBehind({ db, log }) }, tenantId);
    const d2 = { eep: "D2-14-41", aesKey: KEY, slf: SLF };
    const sealed = encodeSecureTelegram({ aesKey: KEY, slf: parseInt(SLF, 16), rlc: 0x10, rorg: 0xd2, data: Uint8Array.from(Buffer.from("9fce800863b502a620", "hex")) });
    const parts = splitIntoChain(undefined, sealed.data, { seq: 2 });
    expect(parts.length).toBeGreaterThan(1);
    const packets = parts.map((p) => encodeRadioErp1({ rorg: p.rorg, data: p.data, sender: "0a0b0c0d", dBm: 60 }));
    const first = await workerA.decodeAsync(packets[0]!, () => d2);
    expect(first.kind).toBe("none");
    const outcome = await workerB.decodeAsync(packets[1]!, () => d2);
    expect(outcome.kind).toBe("data");
    if (outcome.kind === "data") expect(outcome.data[0]).toEqual({ key: "temperature", value: 23.9, unit: "°C" });
  });
});
