import { describe, expect, it } from "vitest";
import { commandsBetween, parseCommandStats } from "./redis-command-stats";

describe("Redis command statistics", () => {
  it("reads calls and CPU microseconds per command from INFO commandstats", () => {
    const info = "# Commandstats\r\ncmdstat_evalsha:calls=12,usec=345,usec_per_call=28.75,rejected_calls=0,failed_calls=0\r\ncmdstat_publish:calls=3,usec=9,usec_per_call=3.00\r\n";
    expect(parseCommandStats(info)).toEqual({ evalsha: { calls: 12, usec: 345 }, publish: { calls: 3, usec: 9 } });
  });

  it("gives what ran between two readings, most CPU first, leaving out idle commands", () => {
    const before = { evalsha: { calls: 10, usec: 100 }, get: { calls: 5, usec: 5 } };
    const after = { evalsha: { calls: 20, usec: 300 }, get: { calls: 5, usec: 5 }, publish: { calls: 50, usec: 400 } };
    expect(Object.entries(commandsBetween(before, after))).toEqual([
      ["publish", { calls: 50, usec: 400 }],
      ["evalsha", { calls: 10, usec: 200 }],
    ]);
  });
});
