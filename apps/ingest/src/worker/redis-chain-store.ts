import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";
import type { ChainFragment, ChainPutOptions, ChainStore } from "@tidewire/decoder";

// One hash per partial chain: field = fragment index, value = fragment JSON. The restart rule of
// ChainStore (a new first fragment drops the rest, unless it repeats the stored one) runs inside
// the script, so every put is atomic across workers.
const PUT = `
if ARGV[3] == '1' then
  local existing = redis.call('HGET', KEYS[1], ARGV[1])
  if (not existing) or cjson.decode(existing).data ~= ARGV[4] then redis.call('DEL', KEYS[1]) end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return redis.call('HVALS', KEYS[1])`;

/** Partial chains (CDM, SEC_CDM, SEC_TI) of one tenant, shared by every worker through Redis. */
export class RedisChainStore implements ChainStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly tenantId: string,
  ) {
    const r = redis as Redis & { twChainPut?: unknown };
    if (!r.twChainPut) redis.defineCommand("twChainPut", { numberOfKeys: 1, lua: PUT });
  }

  private key(key: string): string {
    return redisKey(this.prefix, "chain", this.tenantId, key);
  }

  async put(key: string, fragment: ChainFragment, options: ChainPutOptions): Promise<readonly ChainFragment[]> {
    const put = this.redis as Redis & { twChainPut(...args: (string | number)[]): Promise<string[]> };
    const values = await put.twChainPut(
      this.key(key),
      String(fragment.idx),
      JSON.stringify(fragment),
      options.restart ? "1" : "0",
      fragment.data,
      Math.max(1, Math.round(options.ttlMs)),
    );
    return values.map((v) => JSON.parse(v) as ChainFragment);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }
}
