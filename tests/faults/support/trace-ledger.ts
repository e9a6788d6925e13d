// What one target's subscriber received, by traced telegram: counts per telegram (duplicates),
// and first arrivals out of order per device.
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { traceOf, type TracedLoad, type TracedSensor } from "./traced-load";

export class TraceLedger {
  private readonly counts = new Map<number, Uint8Array>();
  private readonly highest = new Map<number, number>();
  /** first arrivals of a telegram older than one already received from the same device */
  outOfOrder = 0;
  /** messages that did not carry a traced reading, or whose sender did not match it */
  foreign = 0;
  received = 0;

  constructor(readonly name: string) {}

  record(index: number, seq: number): void {
    this.received++;
    let counts = this.counts.get(index);
    if (!counts) this.counts.set(index, (counts = new Uint8Array(0x10000)));
    const before = counts[seq]!;
    counts[seq] = Math.min(255, before + 1);
    if (before > 0) return;
    const highest = this.highest.get(index) ?? 0;
    if (seq < highest) this.outOfOrder++;
    else this.highest.set(index, seq);
  }

  timesReceived(index: number, seq: number): number {
    return this.counts.get(index)?.[seq] ?? 0;
  }
}

export interface TraceCounts {
  target: string;
  /** telegrams handed to a gateway connection */
  sent: number;
  /** of those, received at least once */
  delivered: number;
  /** of those, never received */
  lost: number;
  /** lost telegrams sent while the fault made loss possible and expected (see the scenario) */
  lostInFaultWindow: number;
  /** extra copies received */
  duplicates: number;
  outOfOrder: number;
  foreign: number;
  /** a few lost telegrams, for the report */
  lostSample: string[];
}

/** Compares what was sent with what a target's subscriber received. `excused` marks telegrams
 * whose loss the scenario allows (sent while ingest was going down: lost in transit); `only`
 * limits the count to these sensor indexes (a target with a device filter). */
export function countTrace(load: TracedLoad, sensors: TracedSensor[], ledger: TraceLedger, excused?: (at: number) => boolean, only?: ReadonlySet<number>): TraceCounts {
  let sent = 0;
  let delivered = 0;
  let lost = 0;
  let lostInFaultWindow = 0;
  let duplicates = 0;
  const lostSample: string[] = [];
  for (const { index, seq, at } of load.sentTelegrams()) {
    if (only && !only.has(index)) continue;
    sent++;
    const n = ledger.timesReceived(index, seq);
    if (n > 0) {
      delivered++;
      duplicates += n - 1;
    } else if (excused?.(at)) lostInFaultWindow++;
    else {
      lost++;
      if (lostSample.length < 10) lostSample.push(`${sensors[index]!.eurid}#${seq}@${new Date(at).toISOString()}`);
    }
  }
  return { target: ledger.name, sent, delivered, lost, lostInFaultWindow, duplicates, outOfOrder: ledger.outOfOrder, foreign: ledger.foreign, lostSample };
}

/** Reads a traced output message (IoTC format) into the ledger. */
export function recordOutputMessage(ledger: TraceLedger, sensors: TracedSensor[], payload: Buffer): void {
  try {
    const message = JSON.parse(payload.toString()) as { sensor?: { id?: string }; raw?: { data?: string } };
    // raw.data: R-ORG (a5), then DB3..DB0; the reading is DB3..DB1.
    const data = message.raw?.data ?? "";
    const { index, seq } = traceOf(parseInt(data.slice(2, 8), 16));
    if (data.length !== 10 || !data.startsWith("a5") || sensors[index]?.eurid !== message.sensor?.id) {
      ledger.foreign++;
      return;
    }
    ledger.record(index, seq);
  } catch {
    ledger.foreign++;
  }
}

/** A subscriber on a target's broker that records every traced message it receives. It
 * reconnects by itself with its session kept (QoS 1). */
export async function traceSubscriber(name: string, url: string, filter: string, sensors: TracedSensor[], options: IClientOptions = {}): Promise<{ ledger: TraceLedger; client: MqttClient }> {
  const ledger = new TraceLedger(name);
  const client = mqtt.connect(url, { reconnectPeriod: 500, connectTimeout: 5000, clean: false, clientId: `faults-${name}-${process.pid}`, ...options });
  client.on("message", (_topic, payload) => recordOutputMessage(ledger, sensors, payload));
  client.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return { ledger, client };
}
