import { arubaSchema } from "./schema";

/** Health as the access point reports it (ApHealthUpdate.HealthStatus). */
export type ArubaHealth = "healthy" | "degraded" | "unavailable";
const HEALTH: readonly ArubaHealth[] = ["healthy", "degraded", "unavailable"];

export type NbTopicName =
  | "telemetry"
  | "actionResults"
  | "characteristics"
  | "bleData"
  | "wifiData"
  | "deviceCount"
  | "status"
  | "zbNbData"
  | "serialDataNb"
  | "apHealthUpdate";
const NB_TOPICS: readonly NbTopicName[] = [
  "telemetry",
  "actionResults",
  "characteristics",
  "bleData",
  "wifiData",
  "deviceCount",
  "status",
  "zbNbData",
  "serialDataNb",
  "apHealthUpdate",
];

export interface ArubaReporter {
  /** lower-case hex without separators, e.g. "d01546c204a2" */
  mac: string;
  name?: string;
  ipv4?: string;
  ipv6?: string;
  hwType?: string;
  swVersion?: string;
  swBuild?: string;
  /** access point clock, seconds since the epoch */
  time?: number;
}

export interface ArubaUsbDevice {
  identifier: string;
  health: ArubaHealth;
  descriptor?: {
    manufacturer?: string;
    vendorId?: number;
    productId?: number;
    serialNumber?: string;
    version?: string;
    product?: string;
  };
}

export interface ArubaApHealth {
  apStatus: ArubaHealth;
  /** empty when no USB device is plugged in */
  usb: ArubaUsbDevice[];
  radios: { mac?: string; health?: ArubaHealth; external?: boolean; firmwareVersion?: string }[];
}

/** One northbound message, in plain values (what Tidewire reads of it). */
export interface ArubaTelemetry {
  version: number;
  accessToken?: string;
  nbTopic?: NbTopicName;
  reporter: ArubaReporter;
  serialData: { deviceId: string; payload: Uint8Array }[];
  apHealth?: ArubaApHealth;
}

/** Raised for bytes that are not a valid Telemetry message (random data, truncated protobuf,
 * missing required fields). */
export class ArubaDecodeError extends Error {
  readonly code = "BAD_PROTOBUF";
  constructor(message: string) {
    super(message);
    this.name = "ArubaDecodeError";
  }
}

const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString("hex") : "");
const health = (value: unknown): ArubaHealth => HEALTH[Number(value ?? 0)] ?? "unavailable";
const num = (value: unknown) => (value === undefined || value === null ? undefined : Number(value));

interface RawTelemetry {
  meta: { version: unknown; access_token?: string; nbTopic?: number };
  reporter: {
    name?: string;
    mac: Uint8Array;
    ipv4?: string;
    ipv6?: string;
    hwType?: string;
    swVersion?: string;
    swBuild?: string;
    time?: unknown;
  };
  nbSData?: { nbSerialPayload?: Uint8Array; nbDeviceId?: string }[];
  apHealth?: {
    apStatus?: number;
    usb?: {
      identifier?: string;
      health?: number;
      descriptor?: {
        manufacturer?: string;
        vendor_id?: number;
        product_id?: number;
        serial_number?: string;
        version?: string;
        product?: string;
      };
    }[];
    radio?: { mac?: Uint8Array; health?: number; external?: boolean; firmware_version?: string }[];
  };
}

/** Decodes one binary websocket message of an access point. Never returns partial data: any
 * problem is an ArubaDecodeError. */
export function decodeTelemetry(bytes: Uint8Array): ArubaTelemetry {
  const { Telemetry } = arubaSchema();
  let raw: RawTelemetry;
  try {
    raw = Telemetry.decode(bytes) as unknown as RawTelemetry;
  } catch (error) {
    throw new ArubaDecodeError(`not an Aruba Telemetry message: ${(error as Error).message}`);
  }
  const { meta, reporter } = raw;
  if (reporter.mac.length !== 6) throw new ArubaDecodeError(`reporter.mac has ${reporter.mac.length} bytes, expected 6`);
  const out: ArubaTelemetry = {
    version: Number(meta.version),
    reporter: {
      mac: hex(reporter.mac),
      ...optional("name", reporter.name),
      ...optional("ipv4", reporter.ipv4),
      ...optional("ipv6", reporter.ipv6),
      ...optional("hwType", reporter.hwType),
      ...optional("swVersion", reporter.swVersion),
      ...optional("swBuild", reporter.swBuild),
      ...optional("time", num(reporter.time)),
    },
    serialData: (raw.nbSData ?? []).map((s) => ({ deviceId: s.nbDeviceId ?? "", payload: s.nbSerialPayload ?? new Uint8Array() })),
    ...optional("accessToken", meta.access_token),
    ...optional("nbTopic", meta.nbTopic === undefined || meta.nbTopic === null ? undefined : NB_TOPICS[meta.nbTopic]),
  };
  if (raw.apHealth) {
    out.apHealth = {
      apStatus: health(raw.apHealth.apStatus),
      usb: (raw.apHealth.usb ?? []).map((u) => ({
        identifier: u.identifier ?? "",
        health: health(u.health),
        ...(u.descriptor
          ? {
              descriptor: {
                ...optional("manufacturer", u.descriptor.manufacturer),
                ...optional("vendorId", u.descriptor.vendor_id),
                ...optional("productId", u.descriptor.product_id),
                ...optional("serialNumber", u.descriptor.serial_number),
                ...optional("version", u.descriptor.version),
                ...optional("product", u.descriptor.product),
              },
            }
          : {}),
      })),
      radios: (raw.apHealth.radio ?? []).map((r) => ({
        ...optional("mac", r.mac ? hex(r.mac) : undefined),
        ...optional("health", r.health === undefined || r.health === null ? undefined : health(r.health)),
        ...optional("external", r.external ?? undefined),
        ...optional("firmwareVersion", r.firmware_version),
      })),
    };
  }
  return out;
}

/** Encodes a Telemetry message as an access point does (gateway simulator, tests). */
export function encodeTelemetry(message: {
  accessToken?: string;
  nbTopic: NbTopicName;
  reporter: ArubaReporter;
  serialData?: { deviceId: string; payload: Uint8Array }[];
  apHealth?: ArubaApHealth;
}): Uint8Array {
  const { Telemetry } = arubaSchema();
  const r = message.reporter;
  const payload: Record<string, unknown> = {
    meta: { version: 1, ...optional("access_token", message.accessToken), nbTopic: NB_TOPICS.indexOf(message.nbTopic) },
    reporter: {
      ...optional("name", r.name),
      mac: Buffer.from(r.mac, "hex"),
      ...optional("ipv4", r.ipv4),
      ...optional("ipv6", r.ipv6),
      ...optional("hwType", r.hwType),
      ...optional("swVersion", r.swVersion),
      ...optional("swBuild", r.swBuild),
      ...optional("time", r.time),
    },
  };
  if (message.serialData?.length) {
    payload.nbSData = message.serialData.map((s) => ({ nbSerialPayload: s.payload, nbDeviceId: s.deviceId }));
  }
  if (message.apHealth) {
    const h = message.apHealth;
    payload.apHealth = {
      apStatus: HEALTH.indexOf(h.apStatus),
      radio: h.radios.map((radio) => ({
        ...optional("mac", radio.mac ? Buffer.from(radio.mac, "hex") : undefined),
        ...optional("health", radio.health ? HEALTH.indexOf(radio.health) : undefined),
        ...optional("external", radio.external),
        ...optional("firmware_version", radio.firmwareVersion),
      })),
      usb: h.usb.map((u) => ({
        identifier: u.identifier,
        health: HEALTH.indexOf(u.health),
        ...(u.descriptor
          ? {
              descriptor: {
                ...optional("manufacturer", u.descriptor.manufacturer),
                ...optional("vendor_id", u.descriptor.vendorId),
                ...optional("product_id", u.descriptor.productId),
                ...optional("serial_number", u.descriptor.serialNumber),
                ...optional("version", u.descriptor.version),
                ...optional("product", u.descriptor.product),
              },
            }
          : {}),
      })),
    };
  }
  return Telemetry.encode(Telemetry.fromObject(payload)).finish();
}

function optional<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return value === undefined || value === null || value === "" ? {} : ({ [key]: value } as { [P in K]: V });
}
