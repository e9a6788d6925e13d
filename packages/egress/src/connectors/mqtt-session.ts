import mqtt, { type IClientOptions, type IClientPublishOptions, type MqttClient } from "mqtt";
import { classifyConnectError, DeliveryError } from "../delivery-error";
import { withTimeout } from "./connector";
import { publishPipelined } from "./pipelined-publish";

/** One pooled MQTT connection of a target. mqtt.js reconnects by itself; a delivery waits for
 * the connection a short while and otherwise fails fast, so the batch is retried with backoff
 * instead of piling up in the client's offline queue. */
export class MqttSession {
  private client?: MqttClient;
  private lastError?: DeliveryError;
  private closed = false;
  private connecting?: Promise<MqttClient>;

  constructor(
    private readonly url: string,
    private readonly options: IClientOptions,
    private readonly timeoutMs: number,
    private readonly onMessage?: (topic: string, payload: Buffer) => void,
    /** subscriptions made again after every (re)connect */
    private readonly subscriptions: string[] = [],
  ) {}

  get connected(): boolean {
    return this.client?.connected === true;
  }

  private start(): MqttClient {
    const client = mqtt.connect(this.url, {
      reconnectPeriod: 1000,
      connectTimeout: this.timeoutMs,
      queueQoSZero: false,
      resubscribe: true,
      ...this.options,
    });
    client.on("error", (err) => {
      this.lastError = classifyConnectError(err);
    });
    client.on("connect", () => {
      this.lastError = undefined;
      // A pipelined batch is written at once; Nagle would hold its tail back until the broker
      // acknowledges the head (tens of ms with delayed ACKs).
      (client.stream as { setNoDelay?: (on: boolean) => unknown } | undefined)?.setNoDelay?.(true);
      if (this.subscriptions.length) void client.subscribeAsync(this.subscriptions, { qos: 1 }).catch(() => {});
    });
    if (this.onMessage) client.on("message", this.onMessage);
    return client;
  }

  async ready(): Promise<MqttClient> {
    if (this.closed) throw new DeliveryError("config", "connector closed");
    this.client ??= this.start();
    const client = this.client;
    if (client.connected) return client;
    // Every publish of a pipelined batch waits for the same connection: one listener for all.
    this.connecting ??= withTimeout(
      new Promise<MqttClient>((resolve) => {
        client.once("connect", () => resolve(client));
      }),
      this.timeoutMs,
      () => this.lastError ?? new DeliveryError("timeout", `no connection to ${redactUrl(this.url)} within ${this.timeoutMs} ms`),
    ).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async publish(topic: string, payload: string | Buffer, options: IClientPublishOptions): Promise<void> {
    const client = await this.ready();
    await withTimeout(
      client.publishAsync(topic, payload, options).then(() => undefined),
      this.timeoutMs,
      () => new DeliveryError("timeout", `the broker did not acknowledge within ${this.timeoutMs} ms`),
    ).catch((err: unknown) => {
      throw err instanceof DeliveryError ? err : classifyConnectError(err);
    });
  }

  /** Publishes messages in order on this one connection, pipelined (pipelined-publish.ts):
   * resolves when every message is acknowledged; fails when any one fails (the whole batch is then
   * tried again: at least once). */
  async publishAll(messages: Iterable<{ topic: string; payload: string | Buffer }>, options: IClientPublishOptions): Promise<void> {
    await publishPipelined(messages, (m) => this.publish(m.topic, m.payload, options));
  }

  /** Subscribes now (and after reconnects); a refused subscription is a topic problem. */
  async subscribe(topic: string): Promise<void> {
    const client = await this.ready();
    const granted = await client.subscribeAsync(topic, { qos: 1 }).catch((err: Error) => {
      throw new DeliveryError("topic", `subscription to ${topic} refused: ${err.message}`);
    });
    if (granted.some((g) => g.qos === 128)) throw new DeliveryError("topic", `subscription to ${topic} refused`);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true).catch(() => {});
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "(invalid url)";
  }
}
