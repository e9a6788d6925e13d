import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedis } from "../../redis/connections";
import { DuplicateClaims } from "./duplicate-claims";

const redis = createRedis(process.env.REDIS_URL!);
const prefix = `${process.env.REDIS_PREFIX}:claims-test`;
afterAll(() => redis.disconnect());

const reception = (gateway: string, rssi: number, at = Date.now()) => ({ gatewayId: `id-${gateway}`, gateway, rssi, at });
const fingerprint = () => randomBytes(16).toString("hex");

describe("DuplicateClaims", () => {
  it("lets the first reception claim the telegram and joins the others to it", async () => {
    const claims = new DuplicateClaims(redis, prefix, 500);
    const fp = fingerprint();
    const outcomes = await claims.claim([
      { tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60) },
      { tenantId: "t1", fingerprint: fp, candidateId: `${fp}-b`, reception: reception("ap2", 50) },
      { tenantId: "t1", fingerprint: fp, candidateId: `${fp}-c`, reception: reception("ap3", 70) },
    ]);
    expect(outcomes).toEqual([
      { kind: "first", id: `${fp}-a` },
      { kind: "duplicate", id: `${fp}-a` },
      { kind: "duplicate", id: `${fp}-a` },
    ]);
    const [receptions] = await claims.release([{ tenantId: "t1", fingerprint: fp, id: `${fp}-a` }]);
    expect(receptions!.map((r) => [r.gateway, r.rssi])).toEqual([
      ["ap1", 60],
      ["ap2", 50],
      ["ap3", 70],
    ]);
  });

  it("marks receptions that arrive after the release as late, and keeps them out of the message", async () => {
    const claims = new DuplicateClaims(redis, prefix, 500);
    const fp = fingerprint();
    await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60) }]);
    await claims.release([{ tenantId: "t1", fingerprint: fp, id: `${fp}-a` }]);
    expect(await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-x`, reception: reception("ap2", 40) }])).toEqual([{ kind: "late", id: `${fp}-a` }]);
  });

  it("keeps tenants apart: the same telegram in two tenants is two telegrams", async () => {
    const claims = new DuplicateClaims(redis, prefix, 500);
    const fp = fingerprint();
    const outcomes = await claims.claim([
      { tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60) },
      { tenantId: "t2", fingerprint: fp, candidateId: `${fp}-b`, reception: reception("ap9", 60) },
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(["first", "first"]);
  });

  it("treats the same bytes arriving after the window as a new telegram with a new id", async () => {
    const claims = new DuplicateClaims(redis, prefix, 100);
    const fp = fingerprint();
    const t = Date.now();
    await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60, t) }]);
    expect(await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-b`, reception: reception("ap1", 60, t + 150) }])).toEqual([{ kind: "first", id: `${fp}-b` }]);
    // The first telegram's state is gone: its release answers nothing, the caller keeps its own reception.
    expect(await claims.release([{ tenantId: "t1", fingerprint: fp, id: `${fp}-a` }])).toEqual([null]);
  });

  it("measures the window between arrival times, so a claim delayed in Redis still finds its telegram", async () => {
    const claims = new DuplicateClaims(redis, prefix, 100);
    const fp = fingerprint();
    const t = Date.now();
    await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60, t) }]);
    // This copy arrived 30 ms after the first, but its claim reaches Redis 250 ms later (a stall).
    await new Promise((r) => setTimeout(r, 250));
    expect(await claims.claim([{ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-b`, reception: reception("ap2", 50, t + 30) }])).toEqual([{ kind: "duplicate", id: `${fp}-a` }]);
    const [receptions] = await claims.release([{ tenantId: "t1", fingerprint: fp, id: `${fp}-a` }]);
    expect(receptions!.map((r) => r.gateway)).toEqual(["ap1", "ap2"]);
  });

  it("agrees between two independent clients (two ingest processes)", async () => {
    const other = createRedis(process.env.REDIS_URL!);
    try {
      const a = new DuplicateClaims(redis, prefix, 500);
      const b = new DuplicateClaims(other, prefix, 500);
      const fps = Array.from({ length: 50 }, fingerprint);
      const [fromA, fromB] = await Promise.all([
        a.claim(fps.map((fp) => ({ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-a`, reception: reception("ap1", 60) }))),
        b.claim(fps.map((fp) => ({ tenantId: "t1", fingerprint: fp, candidateId: `${fp}-b`, reception: reception("ap2", 61) }))),
      ]);
      fps.forEach((_, i) => {
        const kinds = [fromA[i]!.kind, fromB[i]!.kind].sort();
        expect(kinds).toEqual(["duplicate", "first"]);
        expect(fromA[i]!.id).toBe(fromB[i]!.id);
      });
    } finally {
      other.disconnect();
    }
  });
});
