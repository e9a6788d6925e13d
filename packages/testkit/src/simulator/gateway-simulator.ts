import { ArubaAccessPoint } from "./aruba-access-point";
import { ArubaConnection } from "./aruba-connection";
import { garbageBytes, noFaults, type FaultCounts, type FaultOptions } from "./faults";
import type { GatewayLink } from "./gateway-link";
import { GenericGatewayClient } from "./generic-gateway-client";
import { MinHeap } from "./min-heap";
import { radioFrame } from "./radio-frame";
import { seededRandom, type Random } from "./random";
import type { SimulatedSensor } from "./sensor-fleet";
import { nextReading } from "./sensor-readings";

export interface GatewaySimulatorOptions {
  protocol: "aruba" | "generic";
  /** Tidewire ingest, http(s)://host:port */
  url: string;
  /** TLS: the CA to trust (npm run certs writes it) */
  ca?: Buffer | string;
  /** generic protocol: the gateway token */
  token?: string;
  /** Aruba: the tenant's access point credentials */
  username?: string;
  password?: string;
  /** Aruba: access points per websocket; 1 = Instant APs, more = a controller (default 1) */
  accessPointsPerConnection?: number;
  /** Aruba: health report interval (default 120 s, as access points do; 0 = none) */
  healthIntervalMs?: number;
  gateways: number;
  sensors: SimulatedSensor[];
  /** readings per second over the whole fleet; default: every sensor at its own interval */
  rate?: number;
  /** the gateways that hear one telegram deliver it up to this many ms apart (default 0) */
  receptionSpreadMs?: number;
  faults?: FaultOptions;
  /** keep a list of every reading sent (tests) */
  record?: boolean;
  /** called with every reading as it is sent (benchmarks trace each telegram to its consumer) */
  onSent?: (sent: SentReading) => void;
  seed?: number;
  /** generic gateway ids: prefix + number (default "sim-gw-") */
  gatewayIdPrefix?: string;
  /** Aruba MACs: these 6 hex digits + a counter (default "02a0b0", locally administered) */
  macPrefix?: string;
}

/** One reading as sent: which telegrams (by fingerprint) went to which gateways. */
export interface SentReading {
  eurid: string;
  eep: string;
  /** duplicate-removal fingerprints of its telegrams; the last completes the message */
  fingerprints: string[];
  /** gateways it was sent to while they were connected */
  gateways: string[];
  at: number;
}

export interface SimulatorReport {
  readings: number;
  telegrams: number;
  /** frames handed to gateways (one per telegram and gateway that heard it) */
  frames: number;
  /** frames lost because their gateway was disconnected */
  droppedFrames: number;
  faults: FaultCounts;
  durationMs: number;
  readingsPerSecond: number;
  framesPerSecond: number;
  sent?: SentReading[];
}

/**
 * The gateway simulator: N gateways speaking the Aruba IoT transport (authentication, hello,
 * health, serial data) or the generic protocol, M sensors with a realistic EEP mix and reporting
 * intervals, each telegram heard by k gateways with different RSSI, optional secure sensors and
 * faults. `npm start`, the tests and the benchmarks drive it through this class or the
 * tidewire-simulate CLI.
 */
/** A sensor sends again at the earliest this long after its last reading, across runs. */
const MIN_REPEAT_MS = 1000;

export class GatewaySimulator {
  readonly links: GatewayLink[] = [];
  readonly accessPoints: ArubaAccessPoint[] = [];
  readonly connections: ArubaConnection[] = [];
  private readonly random: Random;
  private readonly faults: FaultCounts = noFaults();
  private readings = 0;
  private telegrams = 0;
  private frames = 0;
  private dropped = 0;
  /** when each sensor last sent, so a new run keeps its rhythm */
  private readonly lastSentAt = new Map<SimulatedSensor, number>();
  private readonly sent: SentReading[] = [];
  private startedAt = Date.now();
  private running?: { timer: NodeJS.Timeout; disconnects?: NodeJS.Timeout; done: () => void };

  constructor(private readonly options: GatewaySimulatorOptions) {
    this.random = seededRandom(options.seed ?? 42);
    if (options.protocol === "generic") {
      if (!options.token) throw new Error("the generic protocol needs a gateway token");
      const wsUrl = `${options.url.replace(/^http/, "ws").replace(/\/+$/, "")}/gateway/v1`;
      for (let i = 0; i < options.gateways; i++) {
        this.links.push(
          new GenericGatewayClient({
            url: wsUrl,
            token: options.token,
            gatewayId: `${options.gatewayIdPrefix ?? "sim-gw-"}${String(i + 1).padStart(3, "0")}`,
            ...(options.ca ? { ca: options.ca } : {}),
          }),
        );
      }
    } else {
      if (!options.username || !options.password) throw new Error("the Aruba protocol needs a username and password");
      const perConnection = Math.max(1, options.accessPointsPerConnection ?? 1);
      const prefix = (options.macPrefix ?? "02a0b0").toLowerCase();
      let connection: ArubaConnection | undefined;
      for (let i = 0; i < options.gateways; i++) {
        if (i % perConnection === 0) {
          connection = new ArubaConnection({
            baseUrl: options.url,
            username: options.username,
            password: options.password,
            ...(options.ca ? { ca: options.ca } : {}),
          });
          this.connections.push(connection);
        }
        const ap = new ArubaAccessPoint(connection!, {
          mac: `${prefix}${(i + 1).toString(16).padStart(6, "0")}`,
          name: `sim-ap-${i + 1}`,
          hwType: i % 3 === 0 ? "AP-305" : "AP-505",
          swVersion: i % 3 === 0 ? "8.7.1.1-8.7.1.1" : "8.10.0.8-8.10.0.8",
          ipv4: `10.0.${(i >> 8) & 255}.${i & 255}`,
          healthIntervalMs: options.healthIntervalMs ?? 120_000,
        });
        this.accessPoints.push(ap);
        this.links.push(ap);
      }
    }
  }

  /** Connects every gateway (a few dozen at a time). */
  async start(): Promise<void> {
    this.startedAt = Date.now();
    const queue = [...this.links];
    const workers = Array.from({ length: Math.min(32, queue.length) }, async () => {
      for (let link = queue.shift(); link; link = queue.shift()) await link.connect();
    });
    await Promise.all(workers);
  }

  /** Sends one reading of a sensor now, to every gateway that hears it. */
  sendReading(sensor: SimulatedSensor): SentReading {
    const reading = nextReading(sensor, (Date.now() - this.startedAt) / 1000, this.random);
    this.readings += 1;
    this.lastSentAt.set(sensor, Date.now());
    this.telegrams += reading.telegrams.length;
    const gateways: string[] = [];
    const spread = this.options.receptionSpreadMs ?? 0;
    for (const { gateway, dBm } of sensor.hearing) {
      const link = this.links[gateway];
      if (!link) continue;
      const frames = reading.telegrams.map((telegram) => radioFrame(telegram, sensor.eurid, dBm));
      const deliver = () => {
        let ok = true;
        for (const frame of frames) ok = this.deliver(link, frame) && ok;
        return ok;
      };
      if (spread > 0) {
        setTimeout(deliver, Math.floor(this.random() * spread));
        gateways.push(link.id);
      } else if (deliver()) {
        gateways.push(link.id);
      }
    }
    const sent: SentReading = { eurid: sensor.eurid, eep: sensor.eep, fingerprints: reading.fingerprints, gateways, at: Date.now() };
    if (this.options.record) this.sent.push(sent);
    this.options.onSent?.(sent);
    return sent;
  }

  /** One reception: the frame, with the configured faults applied. */
  private deliver(link: GatewayLink, frame: Uint8Array): boolean {
    const f = this.options.faults ?? {};
    this.frames += 1;
    let bytes = frame;
    if (f.corrupt && this.random() < f.corrupt) {
      bytes = frame.slice();
      bytes[7] = bytes[7]! ^ 0x5a; // a data byte: the frame's CRC8D no longer matches
      this.faults.corrupt += 1;
    }
    if (f.garbage && this.random() < f.garbage) {
      const noise = garbageBytes(this.random, 1 + Math.floor(this.random() * 8));
      const joined = new Uint8Array(noise.length + bytes.length);
      joined.set(noise);
      joined.set(bytes, noise.length);
      bytes = joined;
      this.faults.garbage += 1;
    }
    let ok: boolean;
    if (f.split && this.random() < f.split) {
      const cut = 1 + Math.floor(this.random() * (bytes.length - 1));
      ok = link.sendBytes(bytes.subarray(0, cut)) && link.sendBytes(bytes.subarray(cut));
      this.faults.split += 1;
    } else {
      ok = link.sendBytes(bytes);
    }
    if (!ok) this.dropped += 1;
    return ok;
  }

  /**
   * Sends readings on schedule until `durationMs` has passed or `readings` were sent (whichever
   * comes first; neither = until stop()). With `rate`, the fleet sends that many readings per
   * second in total; otherwise every sensor keeps its own interval. `rate` here overrides the
   * simulator's rate for this run (a benchmark ramps the offered load run by run).
   */
  run(options: { durationMs?: number; readings?: number; rate?: number } = {}): Promise<SimulatorReport> {
    const sensors = this.options.sensors;
    const heap = new MinHeap();
    const now = Date.now();
    const rate = options.rate ?? this.options.rate;
    const intervalOf = (s: SimulatedSensor) => (rate ? (sensors.length / rate) * 1000 : s.intervalMs);
    // A sensor that sent shortly before this run waits a little (its interval, at most a second):
    // re-drawn at random it could send again within the duplicate window, and an unchanged
    // reading then has the same bytes as the last one — a real sensor never repeats itself that
    // fast. Capped so that a new run at another rate starts at once.
    const gapOf = (s: SimulatedSensor) => Math.min(intervalOf(s), MIN_REPEAT_MS);
    sensors.forEach((s, i) => heap.push(Math.max(now + this.random() * intervalOf(s), (this.lastSentAt.get(s) ?? -Infinity) + gapOf(s)), i));
    const until = options.durationMs !== undefined ? now + options.durationMs : Infinity;
    const limit = options.readings ?? Infinity;
    const start = this.readings;
    return new Promise((resolve) => {
      const finish = () => {
        if (!this.running) return;
        clearInterval(this.running.timer);
        if (this.running.disconnects) clearInterval(this.running.disconnects);
        this.running = undefined;
        resolve(this.report());
      };
      const tick = () => {
        const t = Date.now();
        while (heap.size > 0 && heap.peekTime()! <= t && this.readings - start < limit) {
          const due = heap.peekTime()!;
          const i = heap.pop()!;
          const sensor = sensors[i]!;
          this.sendReading(sensor);
          // Keep each sensor's rhythm; after a stall, start afresh rather than send a burst.
          heap.push((t - due > 1000 ? t : due) + intervalOf(sensor), i);
        }
        if (t >= until || this.readings - start >= limit) finish();
      };
      const timer = setInterval(tick, 5);
      const disconnectRate = this.options.faults?.disconnect;
      const disconnects = disconnectRate
        ? setInterval(() => {
            for (const link of this.links) {
              if (link.connected && this.random() < disconnectRate) {
                link.interrupt();
                this.faults.disconnect += 1;
              }
            }
          }, 1000)
        : undefined;
      this.running = { timer, ...(disconnects ? { disconnects } : {}), done: finish };
      tick();
    });
  }

  report(): SimulatorReport {
    const durationMs = Math.max(1, Date.now() - this.startedAt);
    return {
      readings: this.readings,
      telegrams: this.telegrams,
      frames: this.frames,
      droppedFrames: this.dropped,
      faults: { ...this.faults },
      durationMs,
      readingsPerSecond: Math.round((this.readings / durationMs) * 1000),
      framesPerSecond: Math.round((this.frames / durationMs) * 1000),
      ...(this.options.record ? { sent: [...this.sent] } : {}),
    };
  }

  async stop(): Promise<SimulatorReport> {
    this.running?.done();
    await Promise.all(this.links.map((link) => link.close()));
    return this.report();
  }
}
