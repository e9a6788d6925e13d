import { randomUUID } from "node:crypto";
import { Aedes, type AedesPublishPacket, type Client, type Subscription } from "aedes";
import { Counter, type Registry } from "prom-client";
import type { Logger } from "../logging/logger";
import { createBrokerBackend, type BrokerBackend } from "./broker-backend";
import { BrokerListeners } from "./broker-listeners";
import { tenantClientId, tenantOfClientId } from "./tenant-client-id";
import { TenantAccess, type BrokerIdentity, type BrokerPrincipal } from "./tenant-access";
import { INTERNAL_USERNAME, TENANT_ROOT, unmountTopic } from "./tenant-mount";

export { INTERNAL_USERNAME, type BrokerIdentity };

export interface BuiltinBrokerOptions {
  port: number;
  wsPort?: number;
  /** mqtts: listens when given (BROKER_TLS_PORT, BROKER_TLS_CERT, BROKER_TLS_KEY) */
  tls?: { port: number; cert: string; key: string };
  host?: string;
  internalSecret: string;
  /** Resolves an API key (username = key id, password = secret) to its tenant, or null. */
  verifyApiKey: (keyId: string, secret: string) => Promise<BrokerIdentity | null>;
  log: Logger;
  /** QoS 1 messages kept per persistent session that is away (BROKER_MAX_OFFLINE_MESSAGES) */
  maxOfflineMessages?: number;
  /** sessions and messages shared with other broker processes through Redis (BROKER_REDIS) */
  shared?: { redisUrl: string; prefix: string };
  registry?: Registry;
}

export interface BrokerPorts {
  port: number;
  wsPort?: number;
  tlsPort?: number;
}

type WillCarrier = Client & { _will?: { topic: string } | null };
/** aedes' Client as far as resuming a session needs it (not in its type declarations) */
type DeliveringClient = Client & {
  deliverQoS(packet: AedesPublishPacket, done: () => void): void;
  /** highest broker counter forwarded per broker id: aedes' duplicate filter */
  duplicates: Record<string, number>;
};

/** A persistent session between its CONNECT and the end of its queue replay. */
interface Resuming {
  client: Client;
  /** live messages held back meanwhile */
  held: AedesPublishPacket[];
  /** queued messages the replay handed out (broker id and counter) */
  replayed: Set<string>;
}

const packetKey = (p: { brokerId?: string; brokerCounter?: number }) => `${p.brokerId ?? ""}:${p.brokerCounter ?? ""}`;
const INTERNAL: BrokerPrincipal = { kind: "internal" };

/** Aedes as Tidewire's per-tenant broker. Tenants log in with an API key (key id / secret) over
 * mqtt, mqtts or websockets and see their own topic space only: a client subscribes to
 * "devices/+/telemetry" and receives its tenant's messages without the internal "tenants/<id>/"
 * prefix; client ids are per tenant too. Persistent sessions (clean=false) keep QoS 1 messages
 * while the client is away, at most maxOfflineMessages (oldest dropped, counted). With `shared`,
 * several broker processes share sessions and messages through Redis. Workers publish into tenant
 * spaces with the internal account. */
export class BuiltinBroker {
  readonly id = randomUUID();
  readonly aedes: Aedes;
  /** QoS 1 messages dropped from the queues of sessions that were away, per tenant */
  readonly offlineDropped: Counter<"tenant">;
  private readonly backend: BrokerBackend;
  private readonly listeners: BrokerListeners;
  private readonly tenants = new WeakMap<Client, BrokerIdentity>();
  private readonly internal = new WeakSet<Client>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly resuming = new Map<string, Resuming>();
  private readonly access: TenantAccess;

  constructor(private readonly options: BuiltinBrokerOptions) {
    this.access = new TenantAccess(options);
    this.offlineDropped = new Counter({
      name: "tidewire_broker_offline_dropped_total",
      help: "QoS 1 messages dropped from persistent sessions that were away, because their queue was full",
      labelNames: ["tenant"],
      registers: options.registry ? [options.registry] : [],
    });
    this.backend = createBrokerBackend({
      brokerId: this.id,
      maxOfflineMessages: options.maxOfflineMessages ?? 1000,
      ...(options.shared ? { shared: options.shared } : {}),
      onRedisError: (err) => options.log.warn({ err: err.message }, "broker's Redis connection problem; retrying"),
      isConnected: (clientId) => this.registeredClients()[clientId] !== undefined,
      hooks: {
        onDropped: (clientId, count) => this.offlineDropped.inc({ tenant: tenantOfClientId(clientId) ?? "" }, count),
        onReplayed: (clientId, packet) => this.resuming.get(clientId)?.replayed.add(packetKey(packet)),
      },
    });
    this.aedes = new Aedes({
      id: this.id,
      drainTimeout: 30_000,
      heartbeatInterval: 60_000,
      persistence: this.backend.persistence,
      ...(this.backend.mq ? { mq: this.backend.mq } : {}),
    });
    this.aedes.authenticate = (client, username, password, done) => {
      this.authenticate(client, username, password).then(
        (ok) => {
          if (ok) return done(null, true);
          done(Object.assign(new Error("bad username or password"), { returnCode: 4 }) as never, false);
        },
        (err: Error) => {
          this.options.log.error({ err }, "broker authentication failed");
          done(Object.assign(new Error("server unavailable"), { returnCode: 3 }) as never, false);
        },
      );
    };
    this.aedes.authorizeSubscribe = (client, sub, done) => done(null, this.authorizeSubscribe(client, sub));
    this.aedes.authorizePublish = (client, packet, done) => {
      // No client: a will of a broker process that died, stored when its client connected.
      if (!client) return this.access.allows(INTERNAL, packet.topic) ? done(null) : done(new Error("topic not allowed"));
      if (this.internal.has(client)) {
        return this.access.allows(INTERNAL, packet.topic) ? done(null) : done(new Error("internal publisher writes tenant topics only"));
      }
      const principal = this.principalOf(client);
      const scoped = principal ? this.access.scope(principal, packet.topic) : null;
      if (!scoped) return done(new Error("topic not allowed"));
      packet.topic = scoped;
      done(null);
    };
    this.aedes.authorizeForward = (client, packet) => this.forward(client, packet);
    // aedes reports a failed session-store lookup (Redis away) as an "error" of the whole broker;
    // unheard, it would end the process. The publish it concerns is retried by its publisher.
    (this.aedes as unknown as NodeJS.EventEmitter).on("error", (err: Error) => options.log.error({ err: err.message }, "broker could not route a message (Redis away?)"));
    this.aedes.on("client", (client) => {
      this.mountUnsubscribes(client);
      this.sessionOpened(client);
    });
    this.aedes.on("clientReady", (client) => this.resumed(client));
    this.aedes.on("clientDisconnect", (client) => this.sessionClosed(client));
    this.listeners = new BrokerListeners((stream, req) => this.aedes.handle(stream as never, req as never));
  }

  private principalOf(client: Client): BrokerPrincipal | null {
    const identity = this.tenants.get(client);
    return identity ? { kind: "tenant", ...identity } : null;
  }

  private async authenticate(client: Client, username?: string, password?: Buffer): Promise<boolean> {
    const principal = await this.access.authenticate(username, password?.toString("utf8"));
    if (principal?.kind === "internal") {
      this.internal.add(client);
      return true;
    }
    if (!principal) {
      if (username !== INTERNAL_USERNAME) this.options.log.info({ clientId: client.id, keyId: username }, "broker login refused");
      return false;
    }
    const identity: BrokerIdentity = { tenantId: principal.tenantId, tenantSlug: principal.tenantSlug };
    const will = (client as WillCarrier)._will;
    if (will) {
      const scoped = this.access.scope(principal, will.topic);
      if (!scoped) return false;
      will.topic = scoped;
    }
    // From here on aedes keys the session, its queue and the "one connection per id" rule by
    // the tenant's own id.
    client.id = tenantClientId(identity.tenantId, client.id);
    this.tenants.set(client, identity);
    if (!client.clean) this.startResuming(client);
    return true;
  }

  private authorizeSubscribe(client: Client, sub: Subscription): Subscription | null {
    if (this.internal.has(client)) return sub;
    const principal = this.principalOf(client);
    if (!principal) return null;
    const topic = this.access.scope(principal, sub.topic);
    if (!topic) return null;
    // The SUBSCRIBE packet's own entry: aedes stores the packet's subscriptions in the session
    // and looks retained messages up with them, so they must carry the mounted filter.
    sub.topic = topic;
    // Persistent-session queues hold QoS 1 messages (see redis-offline-bound.ts).
    if (sub.qos > 1) sub.qos = 1;
    return sub;
  }

  private forward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    if (this.internal.has(client)) return packet;
    const identity = this.tenants.get(client);
    if (!identity) return null;
    const topic = unmountTopic(identity.tenantId, packet.topic);
    if (topic !== null) {
      // A live message (every subscription of a tenant is inside its space).
      const resuming = this.resuming.get(client.id);
      if (resuming?.client === client) {
        resuming.held.push(packet);
        return null;
      }
      // The packet object is shared by every subscriber: hand this client its own copy.
      return Object.assign(Object.create(Object.getPrototypeOf(packet) as object) as AedesPublishPacket, packet, { topic });
    }
    // A relative topic is a message of this client's own session queue, handed back already
    // relative by the session store (session-store.ts); anything else is refused.
    if (packet.topic.startsWith(`${TENANT_ROOT}/`) || packet.topic.startsWith("$")) return null;
    return packet;
  }

  /** aedes restores a persistent session's subscriptions before it sends the CONNACK and
   * replays the session's queue after it, so a message arriving meanwhile would be written before
   * the CONNACK (the client gives up waiting for it) or overtake older queued messages. Such
   * messages are held back (each is also in the queue: aedes queues a QoS 1 message for every
   * persistent session before it passes it on) and handed over once the replay is done. */
  private startResuming(client: Client) {
    this.resuming.set(client.id, { client, held: [], replayed: new Set() });
    // A connection that fails before it is ready leaves nothing behind.
    client.conn.once("close", () => {
      if (this.resuming.get(client.id)?.client === client) this.resuming.delete(client.id);
    });
  }

  private resumed(client: Client) {
    const resuming = this.resuming.get(client.id);
    if (resuming?.client !== client) return;
    this.resuming.delete(client.id);
    const delivering = client as DeliveringClient;
    for (const packet of resuming.held) {
      // The replay wrote it already.
      if (resuming.replayed.has(packetKey(packet))) continue;
      // aedes counted the held message as forwarded; let its duplicate filter pass it once more.
      if (packet.brokerId && typeof packet.brokerCounter === "number") delivering.duplicates[packet.brokerId] = packet.brokerCounter - 1;
      delivering.deliverQoS(packet, () => {});
    }
  }

  /** Aedes has no hook for UNSUBSCRIBE, so its topics are mounted as the packet is handled
   * (after login), the same way SUBSCRIBE topics were. */
  private mountUnsubscribes(client: Client) {
    const identity = this.tenants.get(client);
    if (!identity) return;
    const parser = (client as unknown as { _parser?: NodeJS.EventEmitter })._parser;
    parser?.prependListener("packet", (packet: { cmd: string; unsubscriptions?: string[] }) => {
      if (packet.cmd === "unsubscribe" && packet.unsubscriptions) {
        packet.unsubscriptions = packet.unsubscriptions.map((t) => this.access.scope({ kind: "tenant", ...identity }, t) ?? `${TENANT_ROOT}/-/invalid`);
      }
    });
  }

  /** aedes' registry of the clients connected to this process (not in its type declarations) */
  private registeredClients(): Record<string, Client> {
    return (this.aedes as unknown as { clients: Record<string, Client> }).clients;
  }

  private track(promise: Promise<unknown>) {
    const p = promise.catch((err: unknown) => this.options.log.warn({ err }, "broker session bookkeeping failed"));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private sessionOpened(client: Client) {
    const identity = this.tenants.get(client);
    if (!identity || client.clean) return;
    this.backend.bound.connected(client.id);
    if (this.backend.presence) this.track(this.backend.presence.connected(client.id));
    this.track(
      this.backend.bound.takeDropped(client.id).then((dropped) => {
        if (dropped > 0)
          this.options.log.info(
            { tenant: identity.tenantSlug, clientId: client.id, dropped },
            "persistent session was away with a full queue: its oldest messages were dropped (BROKER_MAX_OFFLINE_MESSAGES)",
          );
      }),
    );
  }

  private sessionClosed(client: Client) {
    if (!this.tenants.get(client) || client.clean || !this.backend.presence) return;
    this.track(this.backend.presence.disconnected(client.id));
  }

  /** Resolves when the session bookkeeping started so far (presence, drop counts) is done. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async listen(): Promise<BrokerPorts> {
    await this.aedes.listen();
    const host = this.options.host ?? "0.0.0.0";
    const ports: BrokerPorts = { port: await this.listeners.tcp(this.options.port, host) };
    if (this.options.tls) ports.tlsPort = await this.listeners.tls(this.options.tls.port, host, this.options.tls);
    if (this.options.wsPort !== undefined) ports.wsPort = await this.listeners.websocket(this.options.wsPort, host);
    this.backend.presence?.keepAlive(() =>
      Object.values(this.registeredClients())
        .filter((c) => !c.clean && tenantOfClientId(c.id) !== null)
        .map((c) => c.id),
    );
    return ports;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    await this.listeners.close();
    await this.settled();
    await this.backend.close();
  }
}
