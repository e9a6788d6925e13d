// Collects a tenant's output messages from the built-in broker.
import mqtt, { type MqttClient } from "mqtt";

/** The parts of an output message (IoTC format plus Tidewire's extension) tests look at. */
export interface OutputMessage {
  sensor: { friendlyId: string; id: string; location: string };
  telemetry: { data: { key: string; value: unknown; unit?: string; meaning?: string }[]; signal: unknown[]; meta: Record<string, unknown> };
  raw: { data: string; sender: string; status: string; rssi?: number; timestamp: string; securityLevel?: number };
  tidewire: { telegramId: string; eep: string; receptions: { gateway: string; rssi: number | null; timestamp: string }[] };
}

export interface CollectedMessage {
  topic: string;
  message: OutputMessage;
}

export class MessageCollector {
  readonly messages: CollectedMessage[] = [];
  private constructor(private readonly client: MqttClient) {}

  static async connect(brokerUrl: string, credentials: { username: string; password: string }, topic = "devices/+/telemetry"): Promise<MessageCollector> {
    const client = mqtt.connect(brokerUrl, { ...credentials, reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("error", reject);
    });
    const collector = new MessageCollector(client);
    client.on("message", (t, payload) => collector.messages.push({ topic: t, message: JSON.parse(payload.toString()) as OutputMessage }));
    await client.subscribeAsync(topic, { qos: 1 });
    return collector;
  }

  /** Messages whose telegram id starts with one of the fingerprints (the duplicate key). */
  byFingerprint(fingerprint: string): CollectedMessage[] {
    return this.messages.filter((m) => (m.message.tidewire?.telegramId ?? "").startsWith(`${fingerprint}-`));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 15_000, what = "messages"): Promise<void> {
    const started = Date.now();
    while (!predicate()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what} (have ${this.messages.length})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}

/** Polls until `check` returns a value (not undefined, null or false) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
