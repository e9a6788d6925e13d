import { DecodeError } from "../errors";
import { euridAt, toHex } from "../hex";
import type { TelemetryEntry } from "../telemetry-entry";

/** A decoded SIGNAL telegram (R-ORG 0xD0): entries for `telemetry.signal` and, where the message is
 * about the device's health (energy, harvester, backup battery, radio, duty cycle), entries for
 * `telemetry.meta.sensorHealth`. */
export interface DecodedSignal {
  mid: number;
  signal: TelemetryEntry[];
  sensorHealth: TelemetryEntry[];
}

interface MessageDefinition {
  meaning: string;
  /** Data bytes after the MID the message needs. */
  length: number;
  decode?: (data: Uint8Array, out: DecodedSignal) => void;
}

const percent = (key: string) => (data: Uint8Array, out: DecodedSignal) => {
  const value = data[0]!;
  const entry: TelemetryEntry = value <= 100 ? { key, value, unit: "%" } : { key, value: "invalid" };
  out.signal.push(entry);
  out.sensorHealth.push(entry);
};

const health = (key: string, value: string, meaning: string) => (_: Uint8Array, out: DecodedSignal) => {
  out.sensorHealth.push({ key, value, meaning });
};

const REQUESTED_SIGNALS: Record<number, [string, string]> = {
  1: ["energyStatus", "Energy status"],
  2: ["revision", "Revision"],
  3: ["rxChannelQuality", "RX channel quality"],
  4: ["harvesterEnergyDelivery", "Energy delivery of the harvester"],
};

const HARVESTER_DELIVERY = [
  "Best energy delivery",
  "Good energy delivery",
  "Average energy delivery",
  "Low energy delivery",
  "Worst energy delivery",
];

/** Message identifiers (MID) of the SIGNAL telegram, per the reference table (section 9). */
const MESSAGES: Record<number, MessageDefinition> = {
  0x01: { meaning: "Smart Ack: mailbox empty", length: 0 },
  0x02: { meaning: "Smart Ack: mailbox does not exist", length: 0 },
  0x03: { meaning: "Smart Ack: reset", length: 0 },
  0x04: {
    meaning: "Trigger: request another signal",
    length: 1,
    decode: (data, out) => {
      const requested = REQUESTED_SIGNALS[data[0]!];
      out.signal.push(
        requested
          ? { key: "requestedSignal", value: requested[0], meaning: requested[1] }
          : { key: "requestedSignal", value: "reserved", meaning: `Reserved (${data[0]})` },
      );
    },
  },
  0x05: { meaning: "Acknowledge of the last unicast message", length: 0 },
  0x06: { meaning: "Energy status of device", length: 1, decode: percent("energy") },
  0x07: {
    meaning: "Revision of the device",
    length: 8,
    decode: (data, out) => {
      out.signal.push({ key: "softwareVersion", value: Array.from(data.subarray(0, 4)).join(".") });
      out.signal.push({ key: "hardwareVersion", value: Array.from(data.subarray(4, 8)).join(".") });
    },
  },
  0x08: { meaning: "Heartbeat", length: 0, decode: health("heartbeat", "True", "Heartbeat received") },
  0x09: { meaning: "RX window open", length: 0 },
  0x0a: {
    meaning: "RX channel quality",
    length: 7,
    decode: (data, out) => {
      const entries: TelemetryEntry[] = [
        { key: "rxEurid", value: euridAt(data, 0) },
        { key: "worstRssi", value: -data[4]!, unit: "dBm" },
        { key: "bestRssi", value: -data[5]!, unit: "dBm" },
        { key: "subTelegramCount", value: data[6]! >> 4 },
        { key: "repeaterCount", value: data[6]! & 0x0f },
      ];
      out.signal.push(...entries);
      out.sensorHealth.push(entries[1]!, entries[2]!);
    },
  },
  0x0b: {
    meaning: "Duty-cycle limit status",
    length: 1,
    decode: (data, out) => {
      const code = data[0]! & 0x0f;
      const entry: TelemetryEntry =
        code === 0
          ? { key: "dutyCycleLimit", value: "released", meaning: "Duty-cycle limit released" }
          : code === 1
            ? { key: "dutyCycleLimit", value: "reached", meaning: "Duty-cycle limit reached" }
            : { key: "dutyCycleLimit", value: "reserved", meaning: `Reserved (${code})` };
      out.signal.push(entry);
      out.sensorHealth.push(entry);
    },
  },
  0x0c: { meaning: "Device configuration changed", length: 0 },
  0x0d: {
    meaning: "Energy delivery of the harvester",
    length: 1,
    decode: (data, out) => {
      const level = data[0]! & 0x0f;
      const meaning = HARVESTER_DELIVERY[level];
      const entry: TelemetryEntry =
        meaning === undefined
          ? { key: "harvesterEnergyDelivery", value: "invalid" }
          : { key: "harvesterEnergyDelivery", value: level, meaning };
      out.signal.push(entry);
      out.sensorHealth.push(entry);
    },
  },
  0x0e: { meaning: "Radio disabled", length: 0, decode: health("radio", "disabled", "Radio disabled") },
  0x0f: { meaning: "Radio enabled", length: 0, decode: health("radio", "enabled", "Radio enabled") },
  0x10: { meaning: "Backup battery status", length: 1, decode: percent("backupBattery") },
  0x11: { meaning: "Learn mode status", length: 0 },
  0x12: {
    meaning: "Product ID",
    length: 6,
    decode: (data, out) => {
      const manufacturer = (data[0]! << 8) | data[1]!;
      out.signal.push({ key: "manufacturerId", value: manufacturer.toString(16).toUpperCase().padStart(3, "0") });
      out.signal.push({ key: "productId", value: toHex(data, 2, 6) });
    },
  },
};

/** Python-style hex of the MID, as IoTC prints it: "0x6", "0xd", "0x10". */
export function signalIdentifier(mid: number): string {
  return "0x" + mid.toString(16);
}

/** Meaning of a MID ("Unknown signal" for MIDs outside the table). */
export function signalMeaning(mid: number): string {
  return MESSAGES[mid]?.meaning ?? "Unknown signal";
}

/** Decodes `MID | data` (the user data of a SIGNAL telegram). */
export function decodeSignal(payload: Uint8Array): DecodedSignal {
  if (payload.length < 1) throw new DecodeError("SIGNAL_DECODE_ERROR", "SIGNAL telegram without a message identifier");
  const mid = payload[0]!;
  const definition = MESSAGES[mid];
  const out: DecodedSignal = {
    mid,
    signal: [{ key: "signalIdentifier", value: signalIdentifier(mid), meaning: signalMeaning(mid) }],
    sensorHealth: [],
  };
  if (definition === undefined) return out;
  const data = payload.subarray(1);
  if (data.length < definition.length) {
    throw new DecodeError(
      "SIGNAL_DECODE_ERROR",
      `SIGNAL ${signalIdentifier(mid)} (${definition.meaning}) needs ${definition.length} data byte(s), got ${data.length}`,
      { mid, length: data.length },
    );
  }
  definition.decode?.(data, out);
  return out;
}
