import { formatUnixSeconds, type TelemetryEntry } from "@tidewire/decoder";
import type { UplinkReception } from "../tts/tts-uplink";

export type UplinkKind = "LORAWAN" | "SMALL_DEVICE";

export interface UplinkMessageInput {
  kind: UplinkKind;
  /** the sensor id: the DevEUI (LoRaWAN) or the small device's id */
  sensorId: string;
  friendlyId: string;
  location: string;
  /** unique id of this message (duplicate-safe deliveries) */
  messageId: string;
  /** Unix milliseconds */
  receivedAt: number;
  data: TelemetryEntry[];
  /** raw payload, hex ("" when there is none) */
  payloadHex: string;
  receptions: UplinkReception[];
  /** telemetry.meta.security entries */
  security?: TelemetryEntry[];
  /** radio-specific facts for the tidewire extension (f_port, f_cnt, sequence…) */
  details?: Record<string, unknown>;
  egressTime?: number;
}

/** The strongest reception's RSSI as a positive dBm magnitude (IoTC's raw.rssi); null when no
 * gateway reported one. */
export function bestRssi(receptions: UplinkReception[]): number | null {
  const values = receptions.map((r) => r.rssi).filter((r): r is number => r !== null);
  return values.length ? Math.abs(Math.max(...values)) : null;
}

/** An uplink as an output message in the IoTC shape the EnOcean telegrams use: `sensor`,
 * `telemetry.data/signal/meta`, `raw` (its radio-neutral fields) and the `tidewire` extension
 * with every receiving gateway. */
export function buildUplinkMessage(input: UplinkMessageInput): Record<string, unknown> {
  const rssi = bestRssi(input.receptions);
  return {
    sensor: { friendlyId: input.friendlyId, id: input.sensorId, location: input.location },
    telemetry: {
      data: input.data,
      signal: [],
      meta: {
        security: input.security ?? [],
        sensorHealth: [],
        stats: [{ egressTime: formatUnixSeconds(input.egressTime ?? Date.now() / 1000) }],
      },
    },
    raw: {
      data: input.payloadHex,
      sender: input.sensorId,
      ...(rssi !== null ? { rssi } : {}),
      timestamp: formatUnixSeconds(input.receivedAt / 1000),
    },
    tidewire: {
      telegramId: input.messageId,
      kind: input.kind,
      receptions: input.receptions.map((r) => ({
        gateway: r.gateway,
        // same convention as EnOcean receptions: positive dBm magnitude
        rssi: r.rssi === null ? null : Math.abs(r.rssi),
        snr: r.snr,
        timestamp: (r.at / 1000).toFixed(3),
      })),
      ...(input.details ?? {}),
    },
  };
}
