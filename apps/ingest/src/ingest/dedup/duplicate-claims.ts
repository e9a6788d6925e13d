import type { ChainableCommander, Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import { receptionSchema, type Reception } from "../../pipeline/queues";

/**
 * One Redis hash per radio telegram and tenant: field `id` (the telegram id the first reception
 * claimed), `at` (the first reception's arrival time), `n` (receptions so far), `r1..rn` (the
 * receptions, JSON), `released` once the telegram left for the queue. Everything about one
 * telegram lives in one key, so each script is atomic and touches a single Redis Cluster slot.
 *
 * The window is measured between arrival times at ingest, not when Redis runs the script: a
 * stalled Redis or a busy ingest process must not turn a copy into a new telegram. The key lives
 * PROCESSING_GRACE_MS longer than the window so that a delayed claim still finds it.
 */
const CLAIM = `
local id = redis.call('HGET', KEYS[1], 'id')
if id and tonumber(ARGV[4]) - tonumber(redis.call('HGET', KEYS[1], 'at')) > tonumber(ARGV[2]) then
  id = false
end
if not id then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'at', ARGV[4], 'n', 1, 'r1', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return {1, ARGV[1]}
end
if redis.call('HEXISTS', KEYS[1], 'released') == 1 then return {2, id} end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 'r' .. n, ARGV[3])
return {0, id}`;

/** How late a claim may reach Redis (after its reception arrived) and still be recognised as a
 * copy: covers Redis stalls and event-loop lag, far beyond what a healthy system sees. */
export const PROCESSING_GRACE_MS = 10_000;

/** Marks the telegram released and answers every reception gathered so far (nil when the key
 * expired or belongs to a later telegram: the caller then keeps the receptions it knows). */
const RELEASE = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return false end
redis.call('HSET', KEYS[1], 'released', 1)
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
local fields = {}
for i = 1, n do fields[i] = 'r' .. i end
return redis.call('HMGET', KEYS[1], unpack(fields))`;

export type ClaimOutcome =
  /** the first reception: this process enqueues the telegram under `id` */
  | { kind: "first"; id: string }
  /** another reception of a telegram that is still gathering: it joins the message */
  | { kind: "duplicate"; id: string }
  /** a reception that arrived after the telegram was released: counted, not in the message */
  | { kind: "late"; id: string };

export interface ClaimRequest {
  tenantId: string;
  fingerprint: string;
  /** the id to use if this reception is the first */
  candidateId: string;
  reception: Reception;
}

interface DedupCommands {
  twDedupClaim(key: string, id: string, windowMs: number, reception: string, at: number, ttlMs: number): Promise<[number, string]>;
  twDedupRelease(key: string, id: string): Promise<(string | null)[] | null>;
}

/** Duplicate removal shared by every ingest process through Redis (docs/duplicates.md). Calls
 * are batched into one pipeline per round trip. */
export class DuplicateClaims {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** how far apart (ms, by arrival at ingest) two receptions of one telegram may be */
    readonly windowMs: number,
  ) {
    const r = redis as Redis & Partial<DedupCommands>;
    if (!r.twDedupClaim) redis.defineCommand("twDedupClaim", { numberOfKeys: 1, lua: CLAIM });
    if (!r.twDedupRelease) redis.defineCommand("twDedupRelease", { numberOfKeys: 1, lua: RELEASE });
  }

  /** The Redis key of a telegram: tenant and fingerprint inside a hash tag, so that a clustered
   * Redis keeps each telegram's state in one slot. */
  key(tenantId: string, fingerprint: string): string {
    return redisKey(this.prefix, "dedup", `{${tenantId}:${fingerprint}}`);
  }

  async claim(requests: readonly ClaimRequest[]): Promise<ClaimOutcome[]> {
    if (requests.length === 0) return [];
    const pipeline = this.redis.pipeline() as ChainableCommander & { twDedupClaim: (...args: unknown[]) => unknown };
    for (const r of requests) {
      pipeline.twDedupClaim(
        this.key(r.tenantId, r.fingerprint),
        r.candidateId,
        this.windowMs,
        JSON.stringify(r.reception),
        r.reception.at,
        this.windowMs + PROCESSING_GRACE_MS,
      );
    }
    const results = (await pipeline.exec()) ?? [];
    return requests.map((_, i) => {
      const [err, value] = results[i] ?? [new Error("no reply"), null];
      if (err) throw err;
      const [kind, id] = value as [number, string];
      return { kind: kind === 1 ? "first" : kind === 2 ? "late" : "duplicate", id };
    });
  }

  /** Releases gathered telegrams; answers each one's receptions, or null when Redis no longer
   * holds them (the window ran out before the release). */
  async release(items: readonly { tenantId: string; fingerprint: string; id: string }[]): Promise<(Reception[] | null)[]> {
    if (items.length === 0) return [];
    const pipeline = this.redis.pipeline() as ChainableCommander & { twDedupRelease: (...args: unknown[]) => unknown };
    for (const item of items) pipeline.twDedupRelease(this.key(item.tenantId, item.fingerprint), item.id);
    const results = (await pipeline.exec()) ?? [];
    return items.map((_, i) => {
      const [err, value] = results[i] ?? [new Error("no reply"), null];
      if (err) throw err;
      if (!Array.isArray(value)) return null;
      const receptions: Reception[] = [];
      for (const raw of value as (string | null)[]) {
        if (raw === null) continue;
        const parsed = receptionSchema.safeParse(parseJson(raw));
        if (parsed.success) receptions.push(parsed.data);
      }
      return receptions;
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
