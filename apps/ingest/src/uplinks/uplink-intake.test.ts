import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@tidewire/db";
import { parseTtsUplink } from "@tidewire/uplinks";
import { createRedis } from "../redis/connections";
import { UplinkIntake } from "./uplink-intake";
import { UPLINK_QUEUE, uplinkJobSchema } from "./uplink-queue";

const redis = createRedis(process.env.REDIS_URL!);
const db = createDb(process.env.DATABASE_URL!);
const prefix = `${process.env.REDIS_PREFIX}:intake-${randomBytes(3).toString("hex")}`;
// Two ingest processes: separate connections, one Redis.
const first = new UplinkIntake({ db, redis, prefix });
const otherRedis = redis.duplicate();
const second = new UplinkIntake({ db, redis: otherRedis, prefix });
const queue = new Queue(UPLINK_QUEUE, { connection: redis, prefix });

afterAll(async () => {
  await Promise.all([first.close(), second.close(), queue.close()]);
  redis.disconnect();
  otherRedis.disconnect();
  await db.$disconnect();
});

const uplink = (fCnt: number, session = "AXA50tHUGUucuzS/bCGMNw==") =>
  parseTtsUplink({ end_device_ids: { dev_eui: "0004A30B001C0530" }, uplink_message: { session_key_id: session, f_port: 1, f_cnt: fCnt, frm_payload: "gkHe" } });

describe("uplink intake", () => {
  it("queues an uplink once, whichever process and integration sees it first, and a new session's frame counter again", async () => {
    expect(await first.enqueueLorawan("tenant-1", uplink(1), "webhook")).toBe("queued");
    expect(await second.enqueueLorawan("tenant-1", uplink(1), "mqtt")).toBe("duplicate");
    expect(await first.enqueueLorawan("tenant-1", uplink(1), "webhook")).toBe("duplicate");
    expect(await second.enqueueLorawan("tenant-1", uplink(2), "mqtt")).toBe("queued");
    // another tenant's device with the same DevEUI, and the device after a rejoin (new session)
    expect(await second.enqueueLorawan("tenant-2", uplink(1), "mqtt")).toBe("queued");
    expect(await first.enqueueLorawan("tenant-1", uplink(1, "BBBBBBBBBBBBBBBBBBBBBB=="), "webhook")).toBe("queued");
    const jobs = await queue.getJobs(["waiting"]);
    expect(jobs).toHaveLength(4);
    const parsed = jobs.map((j) => uplinkJobSchema.parse(j.data));
    expect(parsed.map((j) => (j.kind === "LORAWAN" ? `${j.tenantId}:${j.uplink.fCnt}:${j.via}` : ""))).toEqual(
      expect.arrayContaining(["tenant-1:1:webhook", "tenant-1:2:mqtt", "tenant-2:1:mqtt"]),
    );
  });
});
