import mqtt, { type IClientOptions, type MqttClient } from "mqtt";

export interface CollectedMessage {
  topic: string;
  payload: string;
}

/** An MQTT client for tests that keeps every message it receives, in order. */
export class MqttCollector {
  readonly messages: CollectedMessage[] = [];

  private constructor(readonly client: MqttClient) {
    client.on("message", (topic, payload) => this.messages.push({ topic, payload: payload.toString() }));
  }

  /** Connects (no automatic reconnect); rejects with the broker's refusal. */
  static async connect(url: string, options: IClientOptions): Promise<MqttCollector> {
    // A loaded CI machine has taken more than 5 s to answer a CONNACK (the broker checks the API
    // key in PostgreSQL and restores the session from Redis); a broker that never answers still fails.
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 20_000, ...options });
    const collector = new MqttCollector(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("error", reject);
      client.once("close", () => reject(new Error("connection closed before CONNACK")));
    });
    return collector;
  }

  /** Resolves once `count` messages were received in all. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<CollectedMessage[]> {
    const started = Date.now();
    while (this.messages.length < count) {
      if (Date.now() - started > timeoutMs) throw new Error(`received ${this.messages.length} of ${count} messages within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.messages;
  }

  /** What arrives within `ms`, for checking that nothing (more) does. */
  async during(ms: number): Promise<CollectedMessage[]> {
    const before = this.messages.length;
    await new Promise((r) => setTimeout(r, ms));
    return this.messages.slice(before);
  }

  end(): Promise<void> {
    return this.client.endAsync(true).then(() => undefined);
  }
}
