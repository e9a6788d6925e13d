import { randomBytes } from "node:crypto";
import type { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@tidewire/db";
import { encodeRadioErp1, parseEsp3, type Esp3Packet } from "@tidewire/decoder";
import type { TelegramBatch } from "../pipeline/queues";
import { createRedis } from "../redis/connections";
import { DuplicateClaims } from "./dedup/duplicate-claims";
import { ReceptionHabits } from "./dedup/reception-habits";
import { FrameBatcher } from "./frame-batcher";
import { FrameIntake } from "./frame-intake";
import { GatewayCounters } from "./gateway-counters";
import type { GatewaySession } from "./gateway-session";

const redis = createRedis(process.env.REDIS_URL!);
const db = createDb(process.env.DATABASE_URL!);
const log = pino({ level: "silent" });
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

/** Queues that record what they are given (the batcher only calls add). */
function recordingQueues(partitions: number, delay?: () => Promise<void>) {
  const jobs: { partition: number; data: TelegramBatch; at: number }[] = [];
  const queues = Array.from({ length: partitions }, (_, partition) => ({
    add: async (_name: string, data: TelegramBatch) => {
      await delay?.();
      jobs.push({ partition, data, at: Date.now() });
    },
  })) as unknown as Queue[];
  return { queues, jobs };
}

function setup(options: { gatherMs?: number; windowMs?: number; delay?: () => Promise<void>; maxInFlightJobs?: number; prefix?: string; habits?: ReceptionHabits } = {}) {
  const prefix = options.prefix ?? `${process.env.REDIS_PREFIX}:intake-${randomBytes(3).toString("hex")}`;
  const { queues, jobs } = recordingQueues(4, options.delay);
  const claims = new DuplicateClaims(redis, prefix, options.windowMs ?? 500);
  // Counts the receptions that went to Redis to be claimed.
  const claimed: string[] = [];
  const claim = claims.claim.bind(claims);
  claims.claim = (requests) => {
    claimed.push(...requests.map((r) => r.reception.gateway));
    return claim(requests);
  };
  const habits = options.habits ? { habits: options.habits } : {};
  const batcher = new FrameBatcher(queues, { maxFrames: 100, maxDelayMs: 5, claims, log, ...habits, ...(options.maxInFlightJobs ? { maxInFlightJobs: options.maxInFlightJobs } : {}) });
  const counters = new GatewayCounters({ db, log });
  const intake = new FrameIntake({ batcher, claims, counters, partitions: 4, gatherMs: options.gatherMs ?? 40, log, ...habits });
  return { intake, jobs, counters, batcher, claimed };
}

const session = (gateway: string, licensed = true): GatewaySession => ({
  tenantId: "tenant-1",
  gatewayId: `id-${gateway}`,
  gateway,
  licensed,
  connectedAt: new Date(),
});

const telegram = (value: number, dBm: number, sender = "0a000001", status = 0): Esp3Packet =>
  encodeRadioErp1({ rorg: 0xa5, data: Uint8Array.of(0, 0, value, 0x08), sender, status, dBm });

const frames = (jobs: { data: TelegramBatch }[]) => jobs.flatMap((j) => j.data.frames);
const until = async (check: () => boolean, ms = 3000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("FrameIntake with FrameBatcher", () => {
  it("enqueues a telegram heard by three gateways once, after the gathering, with all three receptions", async () => {
    const { intake, jobs } = setup({ gatherMs: 60 });
    const sent = Date.now();
    intake.accept(session("ap1"), [telegram(1, 70)]);
    setTimeout(() => intake.accept(session("ap2"), [telegram(1, 45, "0a000001", 0x01)]), 15); // repeated copy
    setTimeout(() => intake.accept(session("ap3"), [telegram(1, 80)]), 30);
    await until(() => jobs.length > 0);
    expect(jobs[0]!.at - sent).toBeGreaterThanOrEqual(59);
    await new Promise((r) => setTimeout(r, 100));
    const all = frames(jobs);
    expect(all).toHaveLength(1);
    expect(all[0]!.receptions.map((r) => [r.gateway, r.rssi])).toEqual([
      ["ap1", 70],
      ["ap2", 45],
      ["ap3", 80],
    ]);
    expect(all[0]!.id).toMatch(/^[0-9a-f]{32}-[0-9a-z]+$/);
    // The first reception's frame is what goes on; its bytes are the telegram as that gateway heard it.
    expect(parseEsp3(Buffer.from(all[0]!.esp3, "hex")).optionalData[5]).toBe(70);
  });

  it("counts a reception that arrives after its telegram left as a late duplicate", async () => {
    const { intake, jobs, counters } = setup({ gatherMs: 20, windowMs: 1000 });
    intake.accept(session("ap1"), [telegram(2, 70)]);
    await until(() => jobs.length > 0);
    intake.accept(session("ap2"), [telegram(2, 50)]);
    await until(() => counters.totals.get("LATE_DUPLICATE") === 1);
    expect(frames(jobs)).toHaveLength(1);
    expect(frames(jobs)[0]!.receptions).toHaveLength(1);
  });

  it("claims a telegram in Redis once when its copies reach the same process", async () => {
    const { intake, jobs, claimed } = setup({ gatherMs: 50 });
    intake.accept(session("ap1"), [telegram(5, 70)]);
    intake.accept(session("ap2"), [telegram(5, 60)]);
    setTimeout(() => intake.accept(session("ap3"), [telegram(5, 50)]), 10);
    await until(() => jobs.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(claimed).toEqual(["ap1"]);
    expect(frames(jobs)).toHaveLength(1);
    expect(frames(jobs)[0]!.receptions.map((r) => r.gateway)).toEqual(["ap1", "ap2", "ap3"]);
  });

  it("sends copies of a telegram another process claimed to Redis, where they join it", async () => {
    const prefix = `${process.env.REDIS_PREFIX}:intake-${randomBytes(3).toString("hex")}`;
    const a = setup({ gatherMs: 150, prefix });
    const b = setup({ gatherMs: 150, prefix });
    a.intake.accept(session("ap1"), [telegram(6, 70)]);
    await until(() => a.claimed.length === 1);
    await new Promise((r) => setTimeout(r, 20)); // A's claim has reached Redis
    b.intake.accept(session("ap2"), [telegram(6, 60)]);
    b.intake.accept(session("ap3"), [telegram(6, 50)]);
    await until(() => a.jobs.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.jobs).toHaveLength(0);
    expect(b.claimed.sort()).toEqual(["ap2", "ap3"]);
    expect(frames(a.jobs)[0]!.receptions.map((r) => r.gateway)).toEqual(["ap1", "ap2", "ap3"]);
  });

  it("counts a copy heard by the same process after its telegram left as late, without asking Redis", async () => {
    const { intake, jobs, counters, claimed } = setup({ gatherMs: 20, windowMs: 1000 });
    intake.accept(session("ap1"), [telegram(7, 70)]);
    await until(() => jobs.length > 0);
    intake.accept(session("ap2"), [telegram(7, 50)]);
    expect(counters.totals.get("LATE_DUPLICATE")).toBe(1);
    expect(claimed).toEqual(["ap1"]);
    expect(frames(jobs)[0]!.receptions).toHaveLength(1);
  });

  it("drops and counts the frames of a gateway over the license's limit", async () => {
    const { intake, jobs, counters } = setup();
    intake.accept(session("ap-unlicensed", false), [telegram(3, 70), telegram(4, 70)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(jobs).toHaveLength(0);
    expect(counters.totals.get("LICENSE")).toBe(2);
  });

  it("keeps a device's telegrams in the order they arrived", async () => {
    const { intake, jobs } = setup({ gatherMs: 10 });
    for (let value = 0; value < 40; value++) {
      intake.accept(session("ap1"), [telegram(value, 60)]);
      if (value % 7 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    await until(() => frames(jobs).length === 40);
    const values = frames(jobs).map((f) => parseEsp3(Buffer.from(f.esp3, "hex")).data[3]);
    expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("passes packets that are not radio telegrams on without duplicate removal", async () => {
    const { intake, jobs } = setup();
    const response: Esp3Packet = { type: 0x02, data: Uint8Array.of(0), optionalData: new Uint8Array() };
    intake.accept(session("ap1"), [response, response]);
    await until(() => frames(jobs).length === 2);
    expect(new Set(frames(jobs).map((f) => f.id)).size).toBe(2);
  });

  it("reports congestion while Redis does not take jobs, and clears when it does", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { intake, jobs } = setup({ gatherMs: 0, delay: () => gate, maxInFlightJobs: 2 });
    // Telegrams of different senders land in different partitions and so in separate jobs.
    for (let i = 0; i < 20; i++) intake.accept(session("ap1"), [telegram(i, 60, `0b0000${i.toString(16).padStart(2, "0")}`)]);
    await until(() => intake.congested);
    let cleared = false;
    const clear = intake.whenClear().then(() => (cleared = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(cleared).toBe(false);
    release();
    await clear;
    await until(() => frames(jobs).length === 20);
    expect(intake.congested).toBe(false);
  });

  describe("with reception habits (DEDUP_EARLY_RELEASE)", () => {
    const GATHER = 1000;
    /** Sends `copies` receptions of a telegram of the sender, `spacingMs` apart; resolves with
     * the ms from its first reception to its job, and the job's receptions. */
    async function heard(h: ReturnType<typeof setup>, value: number, copies: number, sender = "0b000001", spacingMs = 0) {
      const before = h.jobs.length;
      const sent = Date.now();
      for (let i = 0; i < copies; i++) {
        const send = () => h.intake.accept(session(`ap${i + 1}`), [telegram(value, 50 + i, sender)]);
        if (i === 0 || spacingMs === 0) send();
        else setTimeout(send, i * spacingMs);
      }
      await until(() => h.jobs.length > before, GATHER * 3);
      const job = h.jobs[before]!;
      return { waitedMs: job.at - sent, receptions: job.data.frames[0]!.receptions.length };
    }

    it("ends a telegram's gathering once it has as many receptions as its sender's telegrams have", async () => {
      const h = setup({ gatherMs: GATHER, windowMs: GATHER + 500, habits: new ReceptionHabits() });
      const first = await heard(h, 1, 3);
      expect(first.waitedMs, "an unknown sender's telegram waits out its gathering").toBeGreaterThanOrEqual(GATHER - 5);
      const second = await heard(h, 2, 3);
      expect(second.receptions).toBe(3);
      expect(second.waitedMs, "the third copy completes it").toBeLessThan(GATHER / 2);
      const other = await heard(h, 3, 3, "0b000002");
      expect(other.waitedMs, "habits are per sender").toBeGreaterThanOrEqual(GATHER - 5);
    });

    it("waits out the gathering for a telegram with fewer copies than usual", async () => {
      const h = setup({ gatherMs: GATHER, windowMs: GATHER + 500, habits: new ReceptionHabits() });
      await heard(h, 1, 3);
      const short = await heard(h, 2, 2);
      expect(short.receptions).toBe(2);
      expect(short.waitedMs).toBeGreaterThanOrEqual(GATHER - 5);
    });

    it("waits for one copy more after a copy arrived too late", async () => {
      const h = setup({ gatherMs: GATHER, windowMs: 3 * GATHER, habits: new ReceptionHabits() });
      await heard(h, 1, 2);
      // Two copies expected: the third, 300 ms later, arrives after the early release.
      const early = await heard(h, 2, 3, "0b000001", 300);
      expect(early.receptions).toBe(2);
      expect(early.waitedMs).toBeLessThan(GATHER / 2);
      await until(() => h.counters.totals.get("LATE_DUPLICATE") === 1);
      // Now three are expected: the next telegram waits for its third copy.
      const next = await heard(h, 3, 3, "0b000001", 300);
      expect(next.receptions).toBe(3);
      expect(next.waitedMs).toBeGreaterThanOrEqual(590);
      expect(next.waitedMs).toBeLessThan(GATHER);
    });

    it("without habits every telegram waits out its gathering", async () => {
      const h = setup({ gatherMs: 300, windowMs: 800 });
      await heard(h, 1, 3);
      expect((await heard(h, 2, 3)).waitedMs).toBeGreaterThanOrEqual(295);
    });
  });
});
