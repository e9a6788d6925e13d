import type { TelemetryEntry } from "@tidewire/decoder";
import { UplinkError } from "../uplink-error";

interface LppType {
  name: string;
  size: number;
  read: (b: Buffer, at: number) => { suffix?: string; value: number; unit?: string }[];
}

const int = (b: Buffer, at: number, bytes: number, signed: boolean) => (signed ? b.readIntBE(at, bytes) : b.readUIntBE(at, bytes));
const round = (v: number, digits: number) => Number(v.toFixed(digits));
const one = (value: number, unit?: string) => [{ value, ...(unit ? { unit } : {}) }];
const axes = (b: Buffer, at: number, scale: number, digits: number, unit: string) =>
  ["x", "y", "z"].map((suffix, i) => ({ suffix, value: round(b.readInt16BE(at + 2 * i) * scale, digits), unit }));

// Cayenne Low Power Payload (myDevices): [channel, type, data...] repeated; big-endian.
const TYPES: Record<number, LppType> = {
  0: { name: "digital_in", size: 1, read: (b, at) => one(b[at]!) },
  1: { name: "digital_out", size: 1, read: (b, at) => one(b[at]!) },
  2: { name: "analog_in", size: 2, read: (b, at) => one(round(b.readInt16BE(at) * 0.01, 2)) },
  3: { name: "analog_out", size: 2, read: (b, at) => one(round(b.readInt16BE(at) * 0.01, 2)) },
  101: { name: "illuminance", size: 2, read: (b, at) => one(b.readUInt16BE(at), "lx") },
  102: { name: "presence", size: 1, read: (b, at) => one(b[at]!) },
  103: { name: "temperature", size: 2, read: (b, at) => one(round(b.readInt16BE(at) * 0.1, 1), "°C") },
  104: { name: "humidity", size: 1, read: (b, at) => one(b[at]! * 0.5, "%") },
  113: { name: "accelerometer", size: 6, read: (b, at) => axes(b, at, 0.001, 3, "g") },
  115: { name: "barometer", size: 2, read: (b, at) => one(round(b.readUInt16BE(at) * 0.1, 1), "hPa") },
  134: { name: "gyrometer", size: 6, read: (b, at) => axes(b, at, 0.01, 2, "°/s") },
  136: {
    name: "gps",
    size: 9,
    read: (b, at) => [
      { suffix: "latitude", value: round(int(b, at, 3, true) * 0.0001, 4), unit: "°" },
      { suffix: "longitude", value: round(int(b, at + 3, 3, true) * 0.0001, 4), unit: "°" },
      { suffix: "altitude", value: round(int(b, at + 6, 3, true) * 0.01, 2), unit: "m" },
    ],
  },
};

/** Decodes a Cayenne LPP payload into telemetry entries keyed `<type>_<channel>` (the names The
 * Things Stack's own LPP formatter uses), e.g. `temperature_1`, `accelerometer_3.x`. */
export function decodeCayenneLpp(payload: Buffer): TelemetryEntry[] {
  const entries: TelemetryEntry[] = [];
  let at = 0;
  while (at < payload.length) {
    if (at + 2 > payload.length) throw new UplinkError("BAD_PAYLOAD", `Cayenne LPP: truncated header at byte ${at}`);
    const channel = payload[at]!;
    const typeId = payload[at + 1]!;
    const type = TYPES[typeId];
    if (!type) throw new UplinkError("BAD_PAYLOAD", `Cayenne LPP: unknown type ${typeId} at byte ${at + 1}`);
    if (at + 2 + type.size > payload.length) throw new UplinkError("BAD_PAYLOAD", `Cayenne LPP: ${type.name} on channel ${channel} is truncated`);
    for (const v of type.read(payload, at + 2)) {
      entries.push({ key: `${type.name}_${channel}${v.suffix ? `.${v.suffix}` : ""}`, value: v.value, ...(v.unit ? { unit: v.unit } : {}) });
    }
    at += 2 + type.size;
  }
  return entries;
}
