import type { Redis } from "ioredis";

/** The part of an ioredis connection mqemitter-redis uses (its subConn / pubConn options). */
export interface PubSubConnection {
  on(event: string, listener: (...args: never[]) => void): unknown;
  subscribe(channel: string, callback?: () => void): unknown;
  psubscribe(pattern: string, callback?: () => void): unknown;
  unsubscribe(channel: string, callback?: () => void): unknown;
  punsubscribe(pattern: string, callback?: () => void): unknown;
  publish(channel: string, message: Buffer): Promise<number>;
  quit(): unknown;
}

/** Redis glob characters mqemitter-redis does not produce itself ("*" stands for + and #): a
 * topic filter containing them must match them literally, not as a pattern. */
const escapeGlob = (text: string) => text.replace(/[?[\]\\]/g, "\\$&");

/** mqemitter-redis publishes every MQTT message on a Redis channel named after its topic, and
 * ioredis' keyPrefix does not apply to channels; this puts the installation's prefix in front,
 * so installations (and test runs) sharing a Redis never see each other's messages. */
export function prefixedPubSub(redis: Redis, prefix: string): PubSubConnection {
  return {
    on: (event, listener) => redis.on(event, listener as (...args: unknown[]) => void),
    // mqemitter-redis only waits for these; a failure (a closed connection while shutting down)
    // must still let it go on, and passing a callback keeps ioredis from rejecting unhandled.
    subscribe: (channel, callback) => redis.subscribe(prefix + channel, () => callback?.()),
    psubscribe: (pattern, callback) => redis.psubscribe(prefix + escapeGlob(pattern), () => callback?.()),
    unsubscribe: (channel, callback) => redis.unsubscribe(prefix + channel, () => callback?.()),
    punsubscribe: (pattern, callback) => redis.punsubscribe(prefix + escapeGlob(pattern), () => callback?.()),
    publish: (channel, message) => redis.publish(prefix + channel, message),
    // mqemitter-redis does not wait for quit's answer; a connection that closes first rejects it.
    quit: () => redis.quit().catch(() => "OK"),
  };
}
