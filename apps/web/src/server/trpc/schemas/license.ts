import type { LicenseEnforcement } from "@tidewire/db";
import { z } from "zod";
import { nullableIsoDate } from "./common";

export const limitsSchema = z.object({
  source: z.enum(["license", "trial"]),
  licenseId: z.string().nullable(),
  maxDevices: z.number(),
  maxGateways: z.number(),
  maxMessagesPerDay: z.number(),
  retentionDays: z.number(),
  validUntil: nullableIsoDate,
});

export const usageSchema = z.object({
  limits: limitsSchema,
  devices: z.object({ total: z.number(), licensed: z.number(), unlicensed: z.number() }),
  gateways: z.object({ total: z.number(), licensed: z.number(), unlicensed: z.number() }),
  messagesToday: z.number(),
  droppedToday: z.number().describe("messages not processed today because the daily limit was reached"),
});

export function toUsage(e: LicenseEnforcement, today: { messages: number; dropped: number }): z.infer<typeof usageSchema> {
  return {
    limits: { ...e.limits, validUntil: e.limits.validUntil?.toISOString() ?? null },
    devices: e.devices,
    gateways: e.gateways,
    messagesToday: today.messages,
    droppedToday: today.dropped,
  };
}
