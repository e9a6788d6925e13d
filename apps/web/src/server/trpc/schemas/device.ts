import { normalizeDeviceIdFor } from "@tidewire/db";
import { PAYLOAD_DECODERS } from "@tidewire/uplinks/decoder-names";
import { z } from "zod";
import { aesKeySchema, euridSchema, eepSchema, isoDate, nullableIsoDate, slfSchema, tagSchema } from "./common";

export const DEVICE_KINDS = ["ENOCEAN", "LORAWAN", "SMALL_DEVICE"] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS).describe("ENOCEAN (EURID), LORAWAN (DevEUI, via The Things Stack) or SMALL_DEVICE (encrypted JSON over HTTP)");

/** What onboarding takes. Key material is write-only: it goes in, never out. */
export const deviceFieldsSchema = z.object({
  eep: eepSchema.optional().describe("EnOcean devices: their EEP (required); other kinds show their kind instead"),
  destinationEurid: euridSchema.optional(),
  friendlyId: z.string().trim().max(64).optional(),
  location: z.string().trim().max(64).optional(),
  tags: z.array(tagSchema).max(20).optional(),
  custom: z.record(z.string().max(40), z.string().max(200)).optional(),
  active: z.boolean().optional(),
  isPTM: z.boolean().optional(),
  aesKey: aesKeySchema.nullable().optional().describe("write-only; null removes the key"),
  slf: slfSchema.nullable().optional(),
  expectedIntervalSec: z.number().int().min(1).max(7 * 86_400).nullable().optional(),
  payloadDecoder: z.enum(PAYLOAD_DECODERS).nullable().optional().describe("LoRaWAN: how frm_payload is decoded when TTS sent no decoded_payload"),
  ttsApplicationId: z.string().trim().max(100).nullable().optional().describe("LoRaWAN: The Things Stack application id"),
  hmacKey: z
    .string()
    .trim()
    .regex(/^([0-9a-fA-F]{2}){16,64}$/, "an HMAC key is 32 to 128 hex digits")
    .transform((v) => v.toLowerCase())
    .nullable()
    .optional()
    .describe("small device: HMAC-SHA256 key over iv‖ct; write-only, null removes it"),
});

const SMALL_DEVICE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** Onboarding input: the id is checked against the kind (EURID, DevEUI, small-device id). */
export const deviceInputSchema = deviceFieldsSchema
  .extend({ kind: deviceKindSchema.default("ENOCEAN"), sourceEurid: z.string().trim().min(1).max(64) })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (d.kind === "ENOCEAN") {
      const id = euridSchema.safeParse(d.sourceEurid);
      if (!id.success) issue("sourceEurid", id.error.issues[0]?.message ?? "not an EURID");
      if (!d.eep) issue("eep", "an EnOcean device needs its EEP");
      if (d.aesKey && !d.slf) issue("slf", "a device with an AES key also needs its SLF");
    } else if (d.kind === "LORAWAN") {
      if (!/^[0-9a-f]{16}$/.test(d.sourceEurid.toLowerCase().replace(/[\s:.-]/g, ""))) issue("sourceEurid", "a DevEUI is 16 hex digits, e.g. 70B3D57ED0000001");
    } else {
      if (!SMALL_DEVICE_ID.test(d.sourceEurid.toLowerCase())) issue("sourceEurid", "a small device's id is up to 64 letters, digits, _ - . (starting with a letter or digit)");
      if (!d.aesKey) issue("aesKey", "a small device needs its AES-128 key");
    }
  })
  .transform((d) => ({ ...d, sourceEurid: normalizeDeviceIdFor(d.kind, d.sourceEurid) }));

export const deviceRowSchema = z.object({
  id: z.string(),
  kind: deviceKindSchema,
  sourceEurid: z.string().describe("EURID, DevEUI or small-device id"),
  destinationEurid: z.string(),
  eep: z.string(),
  friendlyId: z.string(),
  location: z.string(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.string()),
  active: z.boolean(),
  isPTM: z.boolean(),
  secured: z.boolean().describe("an AES key is set (the key itself is never returned)"),
  licensed: z.boolean().describe("false: over the license's device limit, telegrams are not processed"),
  expectedIntervalSec: z.number().nullable(),
  payloadDecoder: z.string().nullable(),
  ttsApplicationId: z.string().nullable(),
  lastSeenAt: nullableIsoDate,
  lastRssi: z.number().nullable(),
  lastMessage: z.record(z.string(), z.unknown()).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;

type DbDevice = {
  id: string;
  kind?: string;
  payloadDecoder?: string | null;
  ttsApplicationId?: string | null;
  sourceEurid: string;
  destinationEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string[];
  custom: unknown;
  active: boolean;
  isPTM: boolean;
  licensed: boolean;
  expectedIntervalSec: number | null;
  lastSeenAt: Date | null;
  lastRssi: number | null;
  lastMessage: unknown;
  createdAt: Date;
  updatedAt: Date;
  secured?: boolean;
};

export function toDeviceRow(d: DbDevice): DeviceRow {
  return {
    id: d.id,
    kind: (d.kind ?? "ENOCEAN") as DeviceRow["kind"],
    sourceEurid: d.sourceEurid,
    destinationEurid: d.destinationEurid,
    eep: d.eep,
    friendlyId: d.friendlyId,
    location: d.location,
    tags: d.tags,
    custom: (d.custom ?? {}) as Record<string, string>,
    active: d.active,
    isPTM: d.isPTM,
    secured: d.secured ?? false,
    licensed: d.licensed,
    expectedIntervalSec: d.expectedIntervalSec,
    payloadDecoder: d.payloadDecoder ?? null,
    ttsApplicationId: d.ttsApplicationId ?? null,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    lastRssi: d.lastRssi,
    lastMessage: (d.lastMessage ?? null) as Record<string, unknown> | null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export const statsSchema = z.object({
  totalTelegramCount: z.number(),
  successfullyProcessed: z.number(),
  notProcessed: z.number(),
  notProcessedByReason: z.record(z.string(), z.number()),
  lastSeenAt: nullableIsoDate,
});

export function toStats(
  s: { totalTelegramCount: bigint; successfullyProcessed: bigint; notProcessed: bigint; notProcessedByReason: unknown; lastSeenAt: Date | null } | null | undefined,
): z.infer<typeof statsSchema> {
  return {
    totalTelegramCount: Number(s?.totalTelegramCount ?? 0),
    successfullyProcessed: Number(s?.successfullyProcessed ?? 0),
    notProcessed: Number(s?.notProcessed ?? 0),
    notProcessedByReason: (s?.notProcessedByReason ?? {}) as Record<string, number>,
    lastSeenAt: s?.lastSeenAt?.toISOString() ?? null,
  };
}
