// Redis's own count of the commands it ran (INFO commandstats): calls and CPU microseconds per
// command, so a phase's Redis work can be put per telegram. Counts the whole Redis server: on a
// machine running other work against the same Redis, the figures include theirs.
import { Redis } from "ioredis";

export type CommandStats = Record<string, { calls: number; usec: number }>;

export async function readCommandStats(redisUrl: string): Promise<CommandStats> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return parseCommandStats(await redis.info("commandstats"));
  } finally {
    redis.disconnect();
  }
}

/** cmdstat_evalsha:calls=12,usec=345,usec_per_call=28.75,... → { evalsha: { calls, usec } } */
export function parseCommandStats(info: string): CommandStats {
  const out: CommandStats = {};
  for (const line of info.split(/\r?\n/)) {
    const m = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    if (m) out[m[1]!] = { calls: Number(m[2]), usec: Number(m[3]) };
  }
  return out;
}

/** What ran between two readings, per command, largest CPU first. */
export function commandsBetween(before: CommandStats, after: CommandStats): CommandStats {
  const entries = Object.entries(after)
    .map(([cmd, a]) => [cmd, { calls: a.calls - (before[cmd]?.calls ?? 0), usec: a.usec - (before[cmd]?.usec ?? 0) }] as const)
    .filter(([, d]) => d.calls > 0)
    .sort((x, y) => y[1].usec - x[1].usec);
  return Object.fromEntries(entries);
}
