import type { ArubaHealth, ArubaReporter } from "@tidewire/aruba";
import type { ArubaConnection } from "./aruba-connection";
import { newLinkStats, type GatewayLink } from "./gateway-link";

export interface ArubaAccessPointOptions {
  /** 12 hex digits */
  mac: string;
  name?: string;
  hwType?: string;
  swVersion?: string;
  swBuild?: string;
  ipv4?: string;
  /** the EnOcean stick's USB id */
  usbId?: string;
  /** send a hello on every (re)connect (AOS 8.8+ does, a few minutes after connecting) */
  hello?: boolean;
  /** health report interval; 0 = only on request (real access points: 120 s) */
  healthIntervalMs?: number;
}

/** One access point with an EnOcean USB stick, on its own connection (Instant AP) or sharing a
 * controller's. */
export class ArubaAccessPoint implements GatewayLink {
  readonly stats = newLinkStats();
  private healthTimer?: NodeJS.Timeout;
  /** state reported in the next health messages */
  usbState: ArubaHealth | "unplugged" = "healthy";
  apState: ArubaHealth = "healthy";

  constructor(
    readonly connection: ArubaConnection,
    private readonly options: ArubaAccessPointOptions,
  ) {
    connection.whenOpen(() => {
      this.stats.connects += 1;
      if (options.hello !== false) this.hello();
    });
  }

  get id(): string {
    return this.options.mac.toLowerCase();
  }

  get usbId(): string {
    return this.options.usbId ?? `ENOCEAN_USB:${this.options.mac.padEnd(32, "0")}`;
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  get reporter(): ArubaReporter {
    const o = this.options;
    return {
      mac: o.mac.toLowerCase(),
      name: o.name ?? o.mac,
      hwType: o.hwType ?? "AP-505",
      swVersion: o.swVersion ?? "8.10.0.8-8.10.0.8",
      swBuild: o.swBuild ?? "87426",
      ...(o.ipv4 ? { ipv4: o.ipv4 } : {}),
      time: Math.floor(Date.now() / 1000),
    };
  }

  async connect(): Promise<void> {
    if (!this.connection.connected) await this.connection.connect();
    else if (this.options.hello !== false) this.hello(); // another access point of a controller opened it
    if (this.options.healthIntervalMs && !this.healthTimer) {
      this.healthTimer = setInterval(() => this.health(), this.options.healthIntervalMs);
      this.healthTimer.unref();
    }
  }

  /** The "hello": meta and reporter, nothing else. */
  hello(): boolean {
    return this.count(this.connection.send({ nbTopic: "telemetry", reporter: this.reporter }));
  }

  /** A health report with the current AP and USB state (no USB entry when unplugged). */
  health(): boolean {
    return this.count(
      this.connection.send({
        nbTopic: "apHealthUpdate",
        reporter: this.reporter,
        apHealth: {
          apStatus: this.apState,
          radios: [],
          usb:
            this.usbState === "unplugged"
              ? []
              : [
                  {
                    identifier: this.usbId,
                    health: this.usbState,
                    descriptor: { manufacturer: "EnOcean GmbH", vendorId: 0x0403, productId: 0x6001, product: "EnOcean USB 300 DC", serialNumber: "FT55W4A9", version: "2.00" },
                  },
                ],
        },
      }),
    );
  }

  sendBytes(bytes: Uint8Array): boolean {
    const sent = this.connection.send({ nbTopic: "serialDataNb", reporter: this.reporter, serialData: [{ deviceId: this.usbId, payload: bytes }] });
    if (sent) this.stats.bytes += bytes.length;
    return this.count(sent);
  }

  private count(sent: boolean): boolean {
    if (sent) this.stats.messages += 1;
    else this.stats.dropped += 1;
    return sent;
  }

  interrupt(): void {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    await this.connection.close();
  }
}
