import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedis } from "../redis/connections";
import { SubscriptionLeases } from "./subscription-lease";

const redis = createRedis(process.env.REDIS_URL!);
const prefix = `${process.env.REDIS_PREFIX}:lease-${randomBytes(3).toString("hex")}`;

afterAll(() => redis.disconnect());

describe("subscription leases", () => {
  it("lets one process at a time hold a tenant's subscription, renews it for the holder, and hands it over once released", async () => {
    const a = new SubscriptionLeases({ redis, prefix, leaseMs: 60_000 });
    const b = new SubscriptionLeases({ redis, prefix, leaseMs: 60_000 });
    expect(await a.hold("tenant-1")).toBe(true);
    expect(await b.hold("tenant-1")).toBe(false);
    expect(await a.hold("tenant-1")).toBe(true); // renewed
    expect(await b.hold("tenant-2")).toBe(true); // another tenant is independent
    await b.release("tenant-1"); // not the holder: no effect
    expect(await b.hold("tenant-1")).toBe(false);
    await a.release("tenant-1");
    expect(await b.hold("tenant-1")).toBe(true);
    expect(await a.hold("tenant-1")).toBe(false);
  });

  it("passes an expired lease (a holder that stopped renewing) to the next process", async () => {
    const crashed = new SubscriptionLeases({ redis, prefix, leaseMs: 200 });
    const next = new SubscriptionLeases({ redis, prefix, leaseMs: 60_000 });
    expect(await crashed.hold("tenant-3")).toBe(true);
    const started = Date.now();
    while (!(await next.hold("tenant-3"))) {
      if (Date.now() - started > 10_000) throw new Error("the lease never expired");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await crashed.hold("tenant-3")).toBe(false);
  });
});
