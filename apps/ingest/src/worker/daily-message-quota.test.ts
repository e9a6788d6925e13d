import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { redisKey } from "@tidewire/config";
import { createDb, usageDay } from "@tidewire/db";
import { TRIAL_LIMITS } from "@tidewire/license";
import { createRedis } from "../redis/connections";
import { DailyMessageQuota } from "./daily-message-quota";

const redis = createRedis(process.env.REDIS_URL!);
const db = createDb(process.env.DATABASE_URL!);
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

const limit = TRIAL_LIMITS.maxMessagesPerDay;

function setup() {
  const prefix = `${process.env.REDIS_PREFIX}:quota-${randomBytes(3).toString("hex")}`;
  const tenantId = `tenant-${randomBytes(3).toString("hex")}`;
  const now = new Date();
  const key = redisKey(prefix, "usage", tenantId, usageDay(now).toISOString().slice(0, 10));
  const calls: string[] = [];
  const quota = new DailyMessageQuota({ db, redis, prefix, licensePublicKey: undefined });
  const multi = redis.multi.bind(redis);
  redis.multi = ((...args: Parameters<typeof redis.multi>) => {
    calls.push(tenantId);
    return multi(...args);
  }) as typeof redis.multi;
  const restore = () => {
    redis.multi = multi;
  };
  return { quota, tenantId, prefix, key, calls, restore };
}

describe("daily message quota", () => {
  it("claims a block ahead while far from the limit, so most batches cost no Redis call", async () => {
    const { quota, tenantId, key, calls, restore } = setup();
    try {
      let granted = 0;
      for (let i = 0; i < 100; i++) granted += await quota.claim(tenantId, 3);
      expect(granted).toBe(300);
      expect(calls.length, "300 messages in claims of 3: one block covers them").toBe(1);
      expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(300);
      // Stopping gives back what was claimed ahead: the day's count is what went out.
      await quota.release();
      expect(Number(await redis.get(key))).toBe(300);
    } finally {
      restore();
    }
  });

  it("claims exactly near the limit, so it holds to the message across workers", async () => {
    const { quota, tenantId, prefix, key, restore } = setup();
    const other = new DailyMessageQuota({ db, redis, prefix, licensePublicKey: undefined });
    try {
      await redis.set(key, limit - 10_000);
      // Far enough for a block at first; then each claim is exact.
      expect(await quota.claim(tenantId, 5)).toBe(5);
      let granted = 5;
      for (let i = 0; i < 3000; i++) granted += (await quota.claim(tenantId, 2)) + (await other.claim(tenantId, 2));
      expect(granted, "the two workers together got exactly what the limit left").toBe(10_000);
      expect(await quota.claim(tenantId, 1)).toBe(0);
      expect(await other.claim(tenantId, 1)).toBe(0);
    } finally {
      restore();
    }
  });

  it("gives back the part of a block the limit did not grant", async () => {
    const { quota, tenantId, key, restore } = setup();
    try {
      await redis.set(key, limit - 3);
      // Far from the limit as far as this worker knows: it asks for 2 and a block, gets 3.
      expect(await quota.claim(tenantId, 2)).toBe(2);
      expect(Number(await redis.get(key)), "the limit is reached, nothing more is counted").toBe(limit);
      expect(await quota.claim(tenantId, 5), "the one left in hand").toBe(1);
      await quota.release();
      expect(Number(await redis.get(key))).toBe(limit + 4);
    } finally {
      restore();
    }
  });

  it("does not carry a block over into the next day", async () => {
    const { quota, tenantId, restore } = setup();
    try {
      const today = new Date();
      expect(await quota.claim(tenantId, 3, today)).toBe(3);
      const tomorrow = new Date(today.getTime() + 86_400_000);
      const calls: number[] = [];
      const multi = redis.multi.bind(redis);
      redis.multi = ((...args: Parameters<typeof redis.multi>) => {
        calls.push(1);
        return multi(...args);
      }) as typeof redis.multi;
      expect(await quota.claim(tenantId, 3, tomorrow)).toBe(3);
      redis.multi = multi;
      expect(calls.length, "tomorrow's messages are claimed in tomorrow's counter").toBe(1);
    } finally {
      restore();
    }
  });
});
