import "server-only";
import { applyLicenseLimits, dashboardCounts, devicesByHealth, listAlarms, telegramsPerMinute, usageOfDay } from "@tidewire/db";
import { z } from "zod";
import { router, tenantProcedure } from "../init";
import { alarmSchema, toAlarm } from "../schemas/alarm";
import { nullableIsoDate } from "../schemas/common";
import { toUsage, usageSchema } from "../schemas/license";

const tags = ["Dashboard"];

export const dashboardRouter = router({
  summary: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/dashboard", tags, summary: "Counts, devices by health, failing targets, open alarms and license usage" } })
    .input(z.object({}).optional())
    .output(
      z.object({
        counts: z.object({
          devices: z.number(),
          gateways: z.number(),
          connectedGateways: z.number(),
          targets: z.number(),
          openAlarms: z.number(),
          deadLetters: z.number(),
        }),
        devicesByHealth: z.object({ healthy: z.number(), alarm: z.number(), neverSeen: z.number(), inactive: z.number(), unlicensed: z.number() }),
        failingTargets: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), lastError: z.string().nullable(), lastErrorAt: nullableIsoDate })),
        alarms: z.array(alarmSchema),
        usage: usageSchema,
      }),
    )
    .query(async ({ ctx }) => {
      const tenantId = ctx.access.tenantId;
      const [counts, health, alarms, enforcement, today] = await Promise.all([
        dashboardCounts(ctx.db, tenantId),
        devicesByHealth(ctx.db, tenantId),
        listAlarms(ctx.db, tenantId, { open: true, take: 10 }),
        applyLicenseLimits(ctx.db, tenantId, ctx.services.license.publicKey),
        usageOfDay(ctx.db, tenantId),
      ]);
      const { failingTargets, ...rest } = counts;
      return {
        counts: rest,
        devicesByHealth: health,
        failingTargets: failingTargets.map((t) => ({ ...t, lastErrorAt: t.lastErrorAt?.toISOString() ?? null })),
        alarms: alarms.map(toAlarm),
        usage: toUsage(enforcement, today),
      };
    }),

  telegramsPerMinute: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/dashboard/telegrams-per-minute", tags, summary: "Processed telegrams per minute (t: minute start, Unix seconds)" } })
    .input(z.object({ hours: z.number().int().min(1).max(48).default(24) }))
    .output(z.array(z.object({ t: z.number(), count: z.number() })))
    .query(async ({ ctx, input }) => {
      const rows = await telegramsPerMinute(ctx.db, ctx.access.tenantId, new Date(), input.hours);
      return rows.map((r) => ({ t: r.minute, count: r.count }));
    }),
});
