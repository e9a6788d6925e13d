import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import type { RlcStore } from "@tidewire/decoder";
import { loadNextRlc, type SqlTarget } from "@tidewire/db";
import type { RlcWriteBehind } from "./rlc-write-behind";

const CAS = `
local v = redis.call('GET', KEYS[1])
if (v == false and ARGV[1] == '') or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const SEED = `
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1] end
return v`;

const NOTHING_CACHE_MS = 5_000;

/**
 * Rolling codes of one tenant's secure devices, shared by every worker: Redis holds the hot value
 * (compare-and-set in a script), Postgres the durable one (written behind, every second). When
 * Redis has lost a value, the persisted one is put back before it is used, so a restart accepts
 * no replay and rejects no valid telegram (docs/duplicates.md, "secure telegrams").
 */
export class RedisRlcStore implements RlcStore {
  private readonly nothingPersisted = new Map<string, number>();

  constructor(
    private readonly options: { redis: Redis; prefix: string; db: SqlTarget; tenantId: string; writeBehind: RlcWriteBehind },
  ) {
    const r = options.redis as Redis & { twRlcCas?: unknown; twRlcSeed?: unknown };
    if (!r.twRlcCas) options.redis.defineCommand("twRlcCas", { numberOfKeys: 1, lua: CAS });
    if (!r.twRlcSeed) options.redis.defineCommand("twRlcSeed", { numberOfKeys: 1, lua: SEED });
  }

  private key(eurid: string): string {
    return redisKey(this.options.prefix, "rlc", this.options.tenantId, eurid);
  }

  async get(eurid: string): Promise<number | undefined> {
    const { redis, db, tenantId } = this.options;
    const hot = await redis.get(this.key(eurid));
    if (hot !== null) return parseInt(hot, 16);
    const skipUntil = this.nothingPersisted.get(eurid);
    if (skipUntil !== undefined && skipUntil > Date.now()) return undefined;
    const persisted = await loadNextRlc(db, tenantId, eurid);
    if (persisted === null) {
      if (this.nothingPersisted.size > 10_000) this.nothingPersisted.clear();
      this.nothingPersisted.set(eurid, Date.now() + NOTHING_CACHE_MS);
      return undefined;
    }
    const seed = redis as Redis & { twRlcSeed(key: string, value: string): Promise<string> };
    // One spelling (no leading zeros) in Redis, so compare-and-set compares like with like.
    return parseInt(await seed.twRlcSeed(this.key(eurid), parseInt(persisted, 16).toString(16)), 16);
  }

  async compareAndSet(eurid: string, expected: number | undefined, next: number): Promise<boolean> {
    const cas = this.options.redis as Redis & { twRlcCas(key: string, expected: string, next: string): Promise<number> };
    const nextHex = next.toString(16);
    const won = (await cas.twRlcCas(this.key(eurid), expected === undefined ? "" : expected.toString(16), nextHex)) === 1;
    if (won) {
      this.nothingPersisted.delete(eurid);
      this.options.writeBehind.record(this.options.tenantId, eurid, nextHex);
    }
    return won;
  }
}
