import { Readable } from "node:stream";
import type { OfflineBound } from "./offline-bound";
import { tenantOfClientId } from "./tenant-client-id";
import { unmountTopic } from "./tenant-mount";

/** The aedes persistence methods the session store looks into (promise form, aedes 1). */
export interface BrokerPersistence {
  setup(broker: unknown): Promise<void>;
  outgoingEnqueueCombi(subs: { clientId: string }[], packet: unknown): Promise<void>;
  outgoingStream(client: { id: string }): Readable;
  outgoingClearMessageId(client: { id: string }, packet: { messageId: number | undefined }): Promise<unknown>;
  destroy(): Promise<void>;
}

export interface SessionStoreHooks {
  onDropped(clientId: string, count: number): void;
  /** a queued message is being handed to the reconnecting session */
  onReplayed(clientId: string, packet: { brokerId?: string; brokerCounter?: number }): void;
}

/** Wraps an aedes persistence (memory or Redis) for tenant sessions:
 * - after a QoS 1 message was queued for sessions, the bound trims those that are away;
 * - a session's queue is handed back with the tenant's topic space removed from each topic.
 *   aedes writes queued messages to a reconnecting client as they are stored (it only asks
 *   authorizeForward whether to), so the topics are made relative here; authorizeForward lets
 *   relative topics through for exactly that reason;
 * - clearing a message without a message id does nothing: aedes asks for that when
 *   authorizeForward holds a live message back from a persistent session (the broker does so
 *   while a session resumes), and the in-memory store would otherwise drop the oldest queued
 *   message in its place.
 * Everything else goes to the wrapped persistence unchanged. */
export function tenantSessionStore(base: BrokerPersistence, bound: OfflineBound, hooks: SessionStoreHooks): BrokerPersistence {
  const enqueue = async (subs: { clientId: string }[], packet: unknown) => {
    await base.outgoingEnqueueCombi(subs, packet);
    const sessions = subs.map((s) => s.clientId).filter((id) => tenantOfClientId(id) !== null);
    if (sessions.length === 0) return;
    for (const [id, count] of await bound.enforce(sessions)) hooks.onDropped(id, count);
  };
  const stream = (client: { id: string }) => {
    const tenantId = tenantOfClientId(client.id);
    const queued = base.outgoingStream(client);
    if (!tenantId) return queued;
    return Readable.from(
      (async function* () {
        for await (const packet of queued as AsyncIterable<{ topic: string; brokerId?: string; brokerCounter?: number }>) {
          hooks.onReplayed(client.id, packet);
          const relative = unmountTopic(tenantId, packet.topic);
          yield relative === null ? packet : Object.assign(Object.create(Object.getPrototypeOf(packet) as object) as object, packet, { topic: relative });
        }
      })(),
    );
  };
  // A Proxy rather than a subclass: the Redis persistence is built by a factory, and aedes checks
  // that setup() is an async function (a bound async function still is).
  return new Proxy(base, {
    get(target, prop) {
      if (prop === "outgoingEnqueueCombi") return enqueue;
      if (prop === "outgoingStream") return stream;
      if (prop === "outgoingClearMessageId")
        return (client: { id: string }, packet: { messageId: number | undefined }) => (packet.messageId === undefined ? Promise.resolve(undefined) : target.outgoingClearMessageId(client, packet));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
