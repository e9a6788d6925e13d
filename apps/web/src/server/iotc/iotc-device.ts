import { z } from "zod";

/** IoTC's device ("EnOceanSensor"): flags are strings in its responses ("true"), and booleans or
 * strings are accepted in requests, as IoTC clients send both. */
export interface IotcDevice {
  sourceEurid: string;
  destinationEurid: string;
  eep: string;
  friendlyID: string;
  location: string;
  activeFlag: string;
  isPTM: string;
  customTag: string;
  /** Tidewire: whether an AES key is set (the key is write-only and never returned) */
  secured?: string;
}

const flag = z
  .union([z.boolean(), z.enum(["true", "false", "True", "False", "TRUE", "FALSE", "1", "0"])])
  .transform((v) => v === true || v === "true" || v === "True" || v === "TRUE" || v === "1");

/** An IoTC device as a request body carries it (field names exactly as IoTC's API). */
export const iotcDeviceInputSchema = z.object({
  sourceEurid: z.string(),
  destinationEurid: z.string().optional(),
  eep: z.string(),
  friendlyID: z.string().max(64).optional(),
  location: z.string().max(64).optional(),
  activeFlag: flag.optional(),
  isPTM: flag.optional(),
  slf: z.string().optional(),
  AESKey: z.string().optional(),
  customTag: z.string().optional(),
});
export type IotcDeviceInput = z.infer<typeof iotcDeviceInputSchema>;

/** IoTC field names to Tidewire's onboarding fields (validated afterwards like any input). */
export function fromIotcDevice(d: IotcDeviceInput) {
  return {
    sourceEurid: d.sourceEurid,
    eep: d.eep,
    ...(d.destinationEurid !== undefined ? { destinationEurid: d.destinationEurid } : {}),
    ...(d.friendlyID !== undefined ? { friendlyId: d.friendlyID } : {}),
    ...(d.location !== undefined ? { location: d.location } : {}),
    ...(d.activeFlag !== undefined ? { active: d.activeFlag } : {}),
    ...(d.isPTM !== undefined ? { isPTM: d.isPTM } : {}),
    ...(d.slf ? { slf: d.slf } : {}),
    ...(d.AESKey ? { aesKey: d.AESKey } : {}),
    ...(d.customTag !== undefined
      ? {
          tags: d.customTag
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean),
        }
      : {}),
  };
}

/** A Tidewire device in IoTC's response shape: lower-case EEP, string flags, friendlyID. */
export function toIotcDevice(d: {
  sourceEurid: string;
  destinationEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  active: boolean;
  isPTM: boolean;
  tags: string[];
  secured?: boolean;
}): IotcDevice {
  return {
    activeFlag: String(d.active),
    customTag: d.tags.join(","),
    destinationEurid: d.destinationEurid,
    eep: d.eep.toLowerCase(),
    friendlyID: d.friendlyId,
    isPTM: String(d.isPTM),
    location: d.location,
    sourceEurid: d.sourceEurid,
    ...(d.secured !== undefined ? { secured: String(d.secured) } : {}),
  };
}

/** IoTC's backup file: {APIVersion, APPVersion, ExportDate, Connections: [device...]}. Files
 * written by other tools put the list under "devices", or are just the list. */
export function devicesOfBackup(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === "object") {
    const o = json as Record<string, unknown>;
    if (Array.isArray(o.Connections)) return o.Connections;
    if (Array.isArray(o.devices)) return o.devices;
    if (Array.isArray(o.Devices)) return o.Devices;
  }
  throw new Error('not an IoTC backup: expected {"Connections": [...]} (or a list of devices)');
}

export const IOTC_API_VERSION = "0.0.1";
