import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createRedis } from "../redis/connections";
import { LiveAudience } from "./live-audience";

const redis = createRedis(process.env.REDIS_URL!);
const watcher = createRedis(process.env.REDIS_URL!);
const prefix = `${process.env.REDIS_PREFIX}:audience-${randomBytes(3).toString("hex")}`;

afterAll(() => {
  watcher.disconnect();
  redis.disconnect();
});

// The clock is passed in: the answers come from the real Redis, the seconds between them are made up.
describe("LiveAudience", () => {
  it("holds messages back only while Redis said 'nobody' within about a second, and asks again after a second", async () => {
    const audience = new LiveAudience(redis);
    const channel = `${prefix}:live:busy`;
    const t0 = 1_000_000;
    expect(audience.listening(channel, t0)).toBe(true); // nothing known yet: publish
    await vi.waitFor(() => expect(audience.listening(channel, t0 + 10)).toBe(false), { timeout: 20_000, interval: 20 });
    expect(audience.listening(channel, t0 + 900)).toBe(false);

    await watcher.subscribe(channel);
    // A second on, Redis is asked again; until it answers, the last answer stands.
    expect(audience.listening(channel, t0 + 1_100)).toBe(false);
    await vi.waitFor(() => expect(audience.listening(channel, t0 + 1_110)).toBe(true), {
      timeout: 20_000,
      interval: 20,
    });
    await watcher.unsubscribe(channel);
  });

  it("publishes the first message after a quiet spell even though nobody watched when it last asked", async () => {
    const audience = new LiveAudience(redis);
    const channel = `${prefix}:live:quiet`;
    const t0 = 2_000_000;
    audience.listening(channel, t0);
    await vi.waitFor(() => expect(audience.listening(channel, t0 + 10)).toBe(false), { timeout: 20_000, interval: 20 });

    await watcher.subscribe(channel);
    // The tenant's next message comes a minute later: an answer that old no longer holds it back.
    expect(audience.listening(channel, t0 + 60_000)).toBe(true);
    await watcher.unsubscribe(channel);
  });
});
