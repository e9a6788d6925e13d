import "server-only";
import { applyLicenseLimits, getTenant, listAudit, updateTenantSettings, usageHistory, usageOfDay } from "@tidewire/db";
import { z } from "zod";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { isoDate } from "../schemas/common";
import { toUsage, usageSchema } from "../schemas/license";

const tags = ["Tenant"];
const tenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  retentionDays: z.number(),
  alarmsToMqtt: z.boolean(),
  createdAt: isoDate,
});
const toTenant = (t: Awaited<ReturnType<typeof getTenant>>) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  retentionDays: t.retentionDays,
  alarmsToMqtt: t.alarmsToMqtt,
  createdAt: t.createdAt.toISOString(),
});

export const tenantRouter = router({
  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/tenant", tags, summary: "The tenant this request acts for" } })
    .input(z.object({}).optional())
    .output(tenantSchema)
    .query(async ({ ctx }) => toTenant(await getTenant(ctx.db, ctx.access.tenantId))),

  update: tenantWriteProcedure
    .meta({ openapi: { method: "PATCH", path: "/tenant", tags, summary: "Rename the tenant, or turn MQTT alarm messages on or off" } })
    .input(z.object({ name: z.string().trim().min(1).max(80).optional(), alarmsToMqtt: z.boolean().optional() }))
    .output(tenantSchema)
    .mutation(async ({ ctx, input }) => toTenant(await updateTenantSettings(ctx.db, ctx.access.tenantId, input))),

  license: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/tenant/license", tags, summary: "The tenant's limits, what it uses, and what is over the limit" } })
    .input(z.object({}).optional())
    .output(
      usageSchema.extend({
        unlicensedDevices: z.array(z.object({ sourceEurid: z.string(), friendlyId: z.string() })),
        unlicensedGateways: z.array(z.object({ mac: z.string(), name: z.string() })),
        history: z.array(z.object({ day: z.string(), messages: z.number(), dropped: z.number() })),
      }),
    )
    .query(async ({ ctx }) => {
      const tenantId = ctx.access.tenantId;
      const enforcement = await applyLicenseLimits(ctx.db, tenantId, ctx.services.license.publicKey);
      const [today, history, unlicensedDevices, unlicensedGateways] = await Promise.all([
        usageOfDay(ctx.db, tenantId),
        usageHistory(ctx.db, tenantId, 14),
        ctx.db.device.findMany({ where: { tenantId, licensed: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 50, select: { sourceEurid: true, friendlyId: true } }),
        ctx.db.gateway.findMany({ where: { tenantId, licensed: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 50, select: { mac: true, name: true } }),
      ]);
      return { ...toUsage(enforcement, today), unlicensedDevices, unlicensedGateways, history };
    }),

  auditLog: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/tenant/audit-log", tags, summary: "Who changed what, newest first" } })
    .input(z.object({ cursor: z.string().regex(/^\d+$/).optional().describe("the id of the last entry of the previous page"), take: z.number().int().min(1).max(200).default(50), action: z.string().max(60).optional() }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          action: z.string(),
          entityType: z.string(),
          entityId: z.string().nullable(),
          actor: z.string().describe("e-mail of the person, or the API key id"),
          details: z.unknown(),
          createdAt: isoDate,
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listAudit(ctx.db, ctx.access.tenantId, {
        ...(input.cursor ? { before: BigInt(input.cursor) } : {}),
        take: input.take,
        ...(input.action ? { action: input.action } : {}),
      });
      return rows.map((r) => ({
        id: r.id.toString(),
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        actor: r.actorEmail ?? (r.actorApiKey ? `API key ${r.actorApiKey}` : "system"),
        details: r.details,
        createdAt: r.createdAt.toISOString(),
      }));
    }),
});
