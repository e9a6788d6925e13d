import "server-only";
import { getDeviceDetail, listAlarms } from "@tidewire/db";
import { z } from "zod";
import { router, tenantProcedure } from "../init";
import { alarmSchema, toAlarm } from "../schemas/alarm";
import { deviceIdSchema } from "../schemas/common";

export const alarmsRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/alarms", tags: ["Alarms"], summary: "Device health alarms: open ones, cleared ones, or both" } })
    .input(z.object({ open: z.boolean().optional(), sourceEurid: deviceIdSchema.optional(), take: z.number().int().min(1).max(500).default(100) }))
    .output(z.array(alarmSchema))
    .query(async ({ ctx, input }) => {
      const deviceId = input.sourceEurid ? (await getDeviceDetail(ctx.db, ctx.access.tenantId, input.sourceEurid)).id : undefined;
      const rows = await listAlarms(ctx.db, ctx.access.tenantId, {
        ...(deviceId ? { deviceId } : {}),
        ...(input.open !== undefined ? { open: input.open } : {}),
        take: input.take,
      });
      return rows.map(toAlarm);
    }),
});
