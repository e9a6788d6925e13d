import { z } from "zod";
import { aesKeySchema, euridSchema, eepSchema, isoDate, nullableIsoDate, slfSchema, tagSchema } from "./common";

/** What onboarding takes. Key material is write-only: it goes in, never out. */
export const deviceFieldsSchema = z.object({
  eep: eepSchema,
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
});

export const deviceInputSchema = deviceFieldsSchema
  .extend({ sourceEurid: euridSchema })
  .refine((d) => !d.aesKey || d.slf, { message: "a device with an AES key also needs its SLF", path: ["slf"] });

export const deviceRowSchema = z.object({
  id: z.string(),
  sourceEurid: z.string(),
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
  lastSeenAt: nullableIsoDate,
  lastRssi: z.number().nullable(),
  lastMessage: z.record(z.string(), z.unknown()).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;

type DbDevice = {
  id: string;
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
