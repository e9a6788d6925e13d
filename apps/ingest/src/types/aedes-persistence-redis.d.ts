// aedes-persistence-redis ships no types. It returns aedes-persistence's callback layer over its
// async implementation; without a callback every method returns a promise (what aedes 1 uses).
declare module "aedes-persistence-redis" {
  import type { Redis, RedisOptions } from "ioredis";
  interface RedisPersistenceOptions extends RedisOptions {
    /** an existing connection (its keyPrefix applies to every key) */
    conn?: Redis;
    /** queued messages handed to a reconnecting session at most (default 1000) */
    maxSessionDelivery?: number;
    packetTTL?: (packet: unknown) => number;
  }
  function aedesPersistenceRedis(options?: RedisPersistenceOptions): unknown;
  export default aedesPersistenceRedis;
}
