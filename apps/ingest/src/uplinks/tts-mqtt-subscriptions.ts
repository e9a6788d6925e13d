import mqtt, { type MqttClient } from "mqtt";
import type { Redis } from "ioredis";
import { listTtsMqttSubscriptions, recordTtsMqttStatus, type Db, type SecretBox, type TtsMqttSubscription } from "@tidewire/db";
import { checkOutboundHost } from "@tidewire/egress";
import { isUplinkError, parseTtsUplink } from "@tidewire/uplinks";
import type { Logger } from "../logging/logger";
import { SubscriptionLeases } from "./subscription-lease";
import type { UplinkIntake } from "./uplink-intake";

export interface TtsMqttOptions {
  db: Db;
  box: SecretBox;
  redis: Redis;
  prefix: string;
  intake: UplinkIntake;
  log: Logger;
  /** how often the settings are re-read and leases renewed (ms) */
  refreshMs?: number;
  /** how long a lease lasts without renewal (ms): the longest a crashed holder's tenants wait */
  leaseMs?: number;
  /** allow brokers on private/loopback addresses (ALLOW_PRIVATE_EGRESS) */
  allowPrivate: boolean;
}

interface Running {
  version: string;
  client: MqttClient;
}

/** The uplink topic of a TTS MQTT integration user ("{app}@{tenant}", or "{app}"). */
export function ttsUplinkTopic(username: string): string {
  return `v3/${username}/devices/+/up`;
}

/** Subscribes to every tenant's The Things Stack MQTT integration. Each tenant's subscription
 * runs in exactly one ingest process (a Redis lease); mqtt.js reconnects by itself; an uplink
 * is acknowledged to the broker (PUBACK) only after it is on the uplink queue. Connection
 * state and the last error are written to the tenant's integration for the portal. */
export class TtsMqttSubscriptions {
  private readonly running = new Map<string, Running>();
  private readonly leases: SubscriptionLeases;
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: TtsMqttOptions) {
    this.leases = new SubscriptionLeases({ redis: options.redis, prefix: options.prefix, leaseMs: options.leaseMs ?? 30_000 });
  }

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 10_000);
  }

  /** Tenants whose subscription runs in this process. */
  get tenants(): string[] {
    return [...this.running.keys()];
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.reconcile()
      .catch((err: unknown) => this.options.log.warn({ err }, "TTS MQTT subscriptions could not be refreshed"))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map((await listTtsMqttSubscriptions(this.options.db, this.options.box)).map((s) => [s.tenantId, s]));
    for (const [tenantId, run] of this.running) {
      const want = wanted.get(tenantId);
      if (!want || want.version !== run.version) await this.stopOne(tenantId);
    }
    for (const sub of wanted.values()) {
      const mine = await this.leases.hold(sub.tenantId);
      if (!mine) {
        // Another process took over (this one was cut off from Redis too long): let it run.
        if (this.running.has(sub.tenantId)) await this.stopOne(sub.tenantId, false);
        continue;
      }
      if (!this.running.has(sub.tenantId) && !this.stopped) await this.startOne(sub);
    }
  }

  private async startOne(sub: TtsMqttSubscription): Promise<void> {
    const { log, db } = this.options;
    let url: URL;
    try {
      url = new URL(sub.url);
      await checkOutboundHost(url.hostname, this.options.allowPrivate);
    } catch (err) {
      await recordTtsMqttStatus(db, sub.tenantId, { connected: false, error: (err as Error).message });
      await this.leases.release(sub.tenantId);
      return;
    }
    const client = mqtt.connect(sub.url, {
      username: sub.username,
      password: sub.apiKey,
      clientId: `tidewire-${sub.tenantId}`,
      clean: false,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      resubscribe: true,
    });
    const topic = ttsUplinkTopic(sub.username);
    let lastError = "";
    const failing = (error: string) => {
      if (error === lastError) return;
      lastError = error;
      void recordTtsMqttStatus(db, sub.tenantId, { connected: false, error }).catch(() => undefined);
    };
    client.on("connect", () => {
      lastError = "";
      client.subscribe(topic, { qos: 1 }, (err, granted) => {
        const refused = granted?.find((g) => g.qos === 128);
        if (err || refused) return failing(`subscribing to ${topic} was refused${err ? `: ${err.message}` : ""}`);
        void recordTtsMqttStatus(db, sub.tenantId, { connected: true }).catch(() => undefined);
      });
    });
    client.on("error", (err) => failing(err.message));
    client.on("offline", () => failing(lastError || "connection lost; reconnecting"));
    // The PUBACK goes out only once this callback ran: an uplink is acknowledged after it is queued.
    client.handleMessage = (packet, done) => {
      if (packet.cmd !== "publish") return done();
      void this.onUplink(sub.tenantId, packet.payload).then(
        () => done(),
        (err: unknown) => {
          log.warn({ err, tenantId: sub.tenantId }, "TTS MQTT uplink could not be queued; the broker will send it again");
          // Dropping the connection without PUBACK makes the broker redeliver after reconnecting.
          client.stream.destroy();
          done(err as Error);
        },
      );
    };
    this.running.set(sub.tenantId, { version: sub.version, client });
    log.info({ tenantId: sub.tenantId, topic }, "subscribed to The Things Stack MQTT integration");
  }

  private async onUplink(tenantId: string, payload: Buffer | string): Promise<void> {
    let uplink;
    try {
      uplink = parseTtsUplink(JSON.parse(payload.toString()));
    } catch (error) {
      if (error instanceof SyntaxError || isUplinkError(error)) {
        this.options.log.debug({ tenantId, err: error }, "ignored a TTS MQTT message that is not an uplink");
        return;
      }
      throw error;
    }
    await this.options.intake.enqueueLorawan(tenantId, uplink, "mqtt");
  }

  private async stopOne(tenantId: string, release = true): Promise<void> {
    const run = this.running.get(tenantId);
    if (!run) return;
    this.running.delete(tenantId);
    await run.client.endAsync(true).catch(() => undefined);
    if (release) await this.leases.release(tenantId).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.running.keys()].map((tenantId) => this.stopOne(tenantId)));
  }
}
