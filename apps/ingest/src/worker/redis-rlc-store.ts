import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import type { RlcStore } from "@tidewire/decoder";
import { loadNextRlc, type SqlTarget } from "@tidewire/db";
import type { RlcWriteBehind } from "./rlc-write-behind";

/** Steps remembered per device ("<telegram id> <from> <to>", newest first), and for how long. */
const REMEMBERED_STEPS = 16;
const REMEMBER_MS = 86_400_000;

// KEYS: the next acceptable RLC, the device's recent steps. ARGV: expected, next, telegram id.
// 1: set; 2: this telegram already made this step (nothing changed); 0: someone else moved it.
const CAS = `
local v = redis.call('GET', KEYS[1])
local step = ARGV[3] .. ' ' .. ARGV[1] .. ' ' .. ARGV[2]
if (v == false and ARGV[1] == '') or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  if ARGV[3] ~= '' then
    redis.call('LPUSH', KEYS[2], step)
    redis.call('LTRIM', KEYS[2], 0, ${REMEMBERED_STEPS - 1})
    redis.call('PEXPIRE', KEYS[2], ${REMEMBER_MS})
  end
  return 1
end
if ARGV[3] ~= '' then
  for _, s in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
    if s == step then return 2 end
  end
end
return 0`;

// KEYS as above; ARGV: telegram id. The RLC as it was before this telegram moved it on
// ("seen <from>"), else the stored next acceptable RLC (or nil).
const GET = `
if ARGV[1] ~= '' then
  local prefix = ARGV[1] .. ' '
  for _, s in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
    if string.sub(s, 1, #prefix) == prefix then
      return 'seen ' .. string.match(string.sub(s, #prefix + 1), '^(%S*)')
    end
  end
end
return redis.call('GET', KEYS[1])`;

// KEYS[1]: the next acceptable RLC; ARGV[1]: the persisted value, set when Redis has none.
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
 *
 * Each device also keeps its last steps (which telegram moved the RLC from what to what): a
 * batch processed again after its worker died judges its telegrams as they were judged the
 * first time, so an accepted telegram is accepted again, not taken for a replay of itself (and
 * dropped). A replay sent over the air arrives later, so it has another telegram id.
 */
export class RedisRlcStore implements RlcStore {
  private readonly nothingPersisted = new Map<string, number>();

  constructor(
    private readonly options: { redis: Redis; prefix: string; db: SqlTarget; tenantId: string; writeBehind: RlcWriteBehind },
  ) {
    const r = options.redis as Redis & { twRlcCas2?: unknown; twRlcGet?: unknown; twRlcSeed?: unknown };
    if (!r.twRlcCas2) options.redis.defineCommand("twRlcCas2", { numberOfKeys: 2, lua: CAS });
    if (!r.twRlcGet) options.redis.defineCommand("twRlcGet", { numberOfKeys: 2, lua: GET });
    if (!r.twRlcSeed) options.redis.defineCommand("twRlcSeed", { numberOfKeys: 1, lua: SEED });
  }

  /** The device's keys share a hash tag: both scripts touch one Redis Cluster slot. */
  private key(eurid: string): string {
    return redisKey(this.options.prefix, "rlc", `{${this.options.tenantId}:${eurid}}`);
  }

  private stepsKey(eurid: string): string {
    return redisKey(this.options.prefix, "rlc-steps", `{${this.options.tenantId}:${eurid}}`);
  }

  async get(eurid: string, telegramId = ""): Promise<number | undefined> {
    const { redis, db, tenantId } = this.options;
    const read = redis as Redis & { twRlcGet(key: string, steps: string, telegramId: string): Promise<string | null> };
    const hot = await read.twRlcGet(this.key(eurid), this.stepsKey(eurid), telegramId);
    if (hot?.startsWith("seen ")) {
      const before = hot.slice(5);
      return before === "" ? undefined : parseInt(before, 16);
    }
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

  async compareAndSet(eurid: string, expected: number | undefined, next: number, telegramId = ""): Promise<boolean> {
    const cas = this.options.redis as Redis & { twRlcCas2(key: string, steps: string, expected: string, next: string, telegramId: string): Promise<number> };
    const nextHex = next.toString(16);
    const outcome = await cas.twRlcCas2(this.key(eurid), this.stepsKey(eurid), expected === undefined ? "" : expected.toString(16), nextHex, telegramId);
    if (outcome === 2) return true; // this telegram made this step before: accepted again, nothing changes
    const won = outcome === 1;
    if (won) {
      this.nothingPersisted.delete(eurid);
      this.options.writeBehind.record(this.options.tenantId, eurid, nextHex);
    }
    return won;
  }
}
