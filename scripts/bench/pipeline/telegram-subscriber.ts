// A consumer of one egress target: subscribes with QoS 1 and hands every message's telegram id
// to its tracker. The id is cut out of the payload without parsing the JSON, so that the
// subscriber costs little of the CPU the system under test needs. It keeps the first messages for
// the publisher ceiling (the same topics and payloads).
import mqtt, { type MqttClient } from "mqtt";
import type { TelegramTracker } from "./telegram-tracker";

const MARK = Buffer.from('"telegramId":"');
const QUOTE = 0x22;

export class TelegramSubscriber {
  readonly samples: { topic: string; payload: Buffer }[] = [];
  unreadable = 0;

  private constructor(
    private readonly client: MqttClient,
    private readonly tracker: TelegramTracker,
    private readonly keepSamples: number,
  ) {
    client.on("message", (topic, payload) => this.onMessage(topic, payload));
  }

  static async connect(url: string, topic: string, tracker: TelegramTracker, options: { username?: string; password?: string; keepSamples?: number } = {}): Promise<TelegramSubscriber> {
    const client = mqtt.connect(url, {
      clientId: `bench-${tracker.name}-${process.pid}`,
      clean: true,
      reconnectPeriod: 500,
      ...(options.username ? { username: options.username, password: options.password } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("error", reject);
    });
    await client.subscribeAsync(topic, { qos: 1 });
    return new TelegramSubscriber(client, tracker, options.keepSamples ?? 0);
  }

  private onMessage(topic: string, payload: Buffer): void {
    const now = Date.now();
    const start = payload.indexOf(MARK);
    const end = start >= 0 ? payload.indexOf(QUOTE, start + MARK.length) : -1;
    if (end < 0) {
      this.unreadable++;
      return;
    }
    this.tracker.noteReceived(payload.toString("latin1", start + MARK.length, end), now);
    if (this.samples.length < this.keepSamples) this.samples.push({ topic, payload });
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}
