import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { redisKey } from "@tidewire/config";

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** A lease in Redis that one process at a time holds per name (a tenant's TTS MQTT
 * subscription): taken with SET NX, kept by renewing well before it expires, lost to another
 * process only when the holder stopped renewing (crashed or cut off). */
export class SubscriptionLeases {
  private readonly holder = randomUUID();

  constructor(private readonly options: { redis: Redis; prefix: string; leaseMs: number }) {}

  private key(name: string): string {
    return redisKey(this.options.prefix, "lease", name);
  }

  /** true: this process holds the lease (newly taken or renewed). */
  async hold(name: string): Promise<boolean> {
    const { redis, leaseMs } = this.options;
    const renewed = (await redis.eval(RENEW, 1, this.key(name), this.holder, String(leaseMs))) as number;
    if (renewed === 1) return true;
    return (await redis.set(this.key(name), this.holder, "PX", leaseMs, "NX")) === "OK";
  }

  async release(name: string): Promise<void> {
    await this.options.redis.eval(RELEASE, 1, this.key(name), this.holder);
  }
}
