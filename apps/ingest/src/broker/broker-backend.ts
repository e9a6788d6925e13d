import memoryPersistence from "aedes-persistence";
import redisPersistence from "aedes-persistence-redis";
import { Redis } from "ioredis";
import mqemitterRedis from "mqemitter-redis";
import { redisKey } from "@tidewire/config";
import { MemoryOfflineBound } from "./memory-offline-bound";
import type { OfflineBound } from "./offline-bound";
import { prefixedPubSub } from "./prefixed-pubsub";
import { RedisOfflineBound } from "./redis-offline-bound";
import { SessionPresence } from "./session-presence";
import { tenantSessionStore, type BrokerPersistence, type SessionStoreHooks } from "./session-store";

export interface BrokerBackendOptions {
  brokerId: string;
  /** QoS 1 messages kept per persistent session that is away */
  maxOfflineMessages: number;
  /** share messages and sessions with other broker processes through Redis */
  shared?: { redisUrl: string; prefix: string };
  /** memory mode: is this session connected to this (the only) broker process? */
  isConnected: (clientId: string) => boolean;
  hooks: SessionStoreHooks;
  /** a shared-mode Redis connection failed (Redis restarting): the connections retry by themselves */
  onRedisError?: (err: Error) => void;
}

/** Where the broker keeps sessions and how its processes share messages. */
export interface BrokerBackend {
  /** mqemitter for aedes; undefined: aedes' own, in-process */
  mq?: unknown;
  persistence: BrokerPersistence;
  bound: OfflineBound;
  /** shared mode only: which sessions are connected anywhere */
  presence?: SessionPresence;
  close(): Promise<void>;
}

/** In memory (one broker process; sessions end with it), or in Redis under the installation's
 * prefix: aedes-persistence-redis for sessions, their queues and retained messages, and
 * mqemitter-redis as the message bus, so a client of one broker process receives what is
 * published through another, and a session survives a broker restart. */
export function createBrokerBackend(options: BrokerBackendOptions): BrokerBackend {
  if (!options.shared) {
    const base = memoryPersistence() as unknown as BrokerPersistence;
    const bound = new MemoryOfflineBound(base, options.isConnected, options.maxOfflineMessages);
    return { persistence: tenantSessionStore(base, bound, options.hooks), bound, close: () => base.destroy() };
  }
  const { redisUrl, prefix } = options.shared;
  const keyPrefix = `${redisKey(prefix, "broker")}:`;
  // Redis going away must not end the process: every connection reports and retries by itself.
  const onError = (err: Error) => options.onRedisError?.(err);
  const store = new Redis(redisUrl, { keyPrefix, maxRetriesPerRequest: null });
  store.on("error", onError);
  const base = redisPersistence({ conn: store, maxSessionDelivery: Math.max(1, options.maxOfflineMessages) }) as BrokerPersistence;
  const bound = new RedisOfflineBound(store, keyPrefix, options.maxOfflineMessages);
  const channels = `${keyPrefix}mq:`;
  const mq = mqemitterRedis({
    subConn: prefixedPubSub(new Redis(redisUrl, { maxRetriesPerRequest: null }), channels) as never,
    pubConn: prefixedPubSub(new Redis(redisUrl, { maxRetriesPerRequest: null }), channels) as never,
  });
  // mqemitter-redis re-emits its connections' errors on `state`; unheard, they would crash the
  // broker process whenever Redis restarts.
  (mq as unknown as { state: NodeJS.EventEmitter }).state.on("error", onError);
  const presence = new SessionPresence(store, options.brokerId);
  return {
    mq,
    persistence: tenantSessionStore(base, bound, options.hooks),
    bound,
    presence,
    close: async () => {
      presence.stop();
      // destroy() disconnects the store connection
      await base.destroy().catch(() => {});
    },
  };
}
