import { z } from "zod";
import { isoDate, nullableIsoDate } from "./common";

export const alarmSchema = z.object({
  id: z.string(),
  kind: z.enum(["SILENT", "ENERGY_LOW", "WEAK_SIGNAL"]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: isoDate,
  clearedAt: nullableIsoDate,
  device: z.object({ sourceEurid: z.string(), friendlyId: z.string(), location: z.string() }).optional(),
});

export function toAlarm(a: {
  id: string;
  kind: "SILENT" | "ENERGY_LOW" | "WEAK_SIGNAL";
  message: string;
  details: unknown;
  raisedAt: Date;
  clearedAt: Date | null;
  device?: { sourceEurid: string; friendlyId: string; location: string };
}): z.infer<typeof alarmSchema> {
  return {
    id: a.id,
    kind: a.kind,
    message: a.message,
    details: (a.details ?? {}) as Record<string, unknown>,
    raisedAt: a.raisedAt.toISOString(),
    clearedAt: a.clearedAt?.toISOString() ?? null,
    ...(a.device ? { device: a.device } : {}),
  };
}
