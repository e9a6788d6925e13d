// Load from the gateway simulator's generic gateways (packages/testkit) whose every telegram can
// be traced to the subscriber: A5-12-01 meter readings whose 24-bit reading carries the sensor's
// index (high 8 bits) and a counter per sensor (low 16 bits). The reading arrives unchanged in
// the output message (raw.data, and the decoded meterReading), so each target's subscriber can
// tell exactly which telegram it got, twice, late or never.
import { GenericGatewayClient, radioFrame } from "@tidewire/testkit";

export const TRACED_EEP = "A5-12-01";
const MAX_SEQ = 0xffff;

export interface TracedSensor {
  index: number;
  eurid: string;
}

export function tracedSensors(count: number, euridBase: number): TracedSensor[] {
  if (count > 256) throw new Error("at most 256 traced sensors (8 bits of the reading)");
  return Array.from({ length: count }, (_, index) => ({ index, eurid: (euridBase + index).toString(16).padStart(8, "0") }));
}

/** The reading a telegram carries: sensor index and counter. */
export const tracedValue = (index: number, seq: number) => (index << 16) | seq;
export const traceOf = (value: number) => ({ index: value >>> 16, seq: value & MAX_SEQ });

function tracedTelegram(index: number, seq: number) {
  const v = tracedValue(index, seq);
  // DB3..DB1: meter reading; DB0: tariff 0, LRN bit set (a data telegram), DT 0 (cumulative), DIV 0.
  return { rorg: 0xa5, data: Uint8Array.of((v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff, 0x08), status: 0 };
}

export interface TracedLoadOptions {
  /** ws://host:port of ingest */
  wsUrl: string;
  token: string;
  gateways: number;
  sensors: TracedSensor[];
  /** how many gateways hear each telegram (duplicates ingest removes) */
  hearing: number;
  gatewayIdPrefix: string;
}

/**
 * Sends traced telegrams at a set rate. A telegram counts as sent when at least one gateway
 * that hears it handed it to an open websocket; when none could (every one of them
 * disconnected), it is lost at the gateway, as a real gateway without a buffer loses it.
 */
export class TracedLoad {
  readonly links: GenericGatewayClient[];
  /** next counter per sensor index; counters start at 1 */
  private readonly next: number[];
  /** send time (ms) of each telegram, per sensor index, by counter; NaN: lost at the gateway */
  readonly sentAt: Float64Array[];
  private timer?: NodeJS.Timeout;
  private sentTotal = 0;
  private droppedTotal = 0;
  private cursor = 0;

  constructor(private readonly options: TracedLoadOptions) {
    const wsUrl = `${options.wsUrl.replace(/\/+$/, "")}/gateway/v1`;
    this.links = Array.from({ length: options.gateways }, (_, i) => new GenericGatewayClient({ url: wsUrl, token: options.token, gatewayId: `${options.gatewayIdPrefix}${String(i + 1).padStart(3, "0")}` }));
    this.next = options.sensors.map(() => 1);
    this.sentAt = options.sensors.map(() => new Float64Array(MAX_SEQ + 1).fill(Number.NaN));
  }

  async connect(): Promise<void> {
    await Promise.all(this.links.map((l) => l.connect()));
  }

  get sent(): number {
    return this.sentTotal;
  }

  get droppedAtGateway(): number {
    return this.droppedTotal;
  }

  get connectedGateways(): number {
    return this.links.filter((l) => l.connected).length;
  }

  /** Sends `rate` telegrams per second, spread over the sensors, until stop(). */
  start(rate: number): void {
    this.stop();
    const began = Date.now();
    let due = 0;
    this.timer = setInterval(() => {
      const target = Math.floor(((Date.now() - began) / 1000) * rate);
      while (due < target) {
        this.sendOne();
        due++;
      }
    }, 10);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sendOne(): void {
    const { sensors, hearing } = this.options;
    const sensor = sensors[this.cursor % sensors.length]!;
    this.cursor++;
    const seq = this.next[sensor.index]!;
    if (seq > MAX_SEQ) throw new Error(`sensor ${sensor.eurid} ran out of counters; use more sensors`);
    this.next[sensor.index] = seq + 1;
    const telegram = tracedTelegram(sensor.index, seq);
    let handed = false;
    for (let j = 0; j < hearing; j++) {
      const link = this.links[(sensor.index + j) % this.links.length]!;
      if (link.sendBytes(radioFrame(telegram, sensor.eurid, 50 + j * 7))) handed = true;
    }
    if (handed) {
      this.sentAt[sensor.index]![seq] = Date.now();
      this.sentTotal++;
    } else this.droppedTotal++;
  }

  /** Each telegram handed to a gateway connection: sensor index, counter, send time. */
  *sentTelegrams(): Generator<{ index: number; seq: number; at: number }> {
    for (const { index } of this.options.sensors) {
      const times = this.sentAt[index]!;
      const last = this.next[index]! - 1;
      for (let seq = 1; seq <= last; seq++) if (!Number.isNaN(times[seq]!)) yield { index, seq, at: times[seq]! };
    }
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(this.links.map((l) => l.close()));
  }
}
