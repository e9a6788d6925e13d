import "server-only";
import {
  applyLicenseLimits,
  createInvitation,
  createTenant,
  extendLicense,
  getTenant,
  issueLicense,
  listLicenses,
  listTenantsWithUsage,
  revokeLicense,
  tenantLimits,
  usageOfDay,
} from "@tidewire/db";
import { z } from "zod";
import { inviteUrl, sendInvitation } from "../../mail/account-mails";
import { devicesChanged } from "../../tenant-changes";
import { platformAdminProcedure, router } from "../init";
import { dateInput, isoDate, nullableIsoDate } from "../schemas/common";
import { limitsSchema, toUsage, usageSchema } from "../schemas/license";

const tags = ["Platform admin"];

const licenseSchema = z.object({
  id: z.string(),
  maxDevices: z.number(),
  maxGateways: z.number(),
  maxMessagesPerDay: z.number(),
  retentionDays: z.number(),
  validFrom: isoDate,
  validUntil: isoDate,
  revokedAt: nullableIsoDate,
  note: z.string(),
  key: z.string().describe("the signed license key the pipeline verifies offline"),
  state: z.enum(["active", "scheduled", "expired", "revoked"]),
  createdAt: isoDate,
});
type LicenseRow = Awaited<ReturnType<typeof listLicenses>>[number];
function toLicense(l: LicenseRow, now = new Date()): z.infer<typeof licenseSchema> {
  const state = l.revokedAt ? "revoked" : l.validFrom > now ? "scheduled" : l.validUntil <= now ? "expired" : "active";
  return {
    id: l.id,
    maxDevices: l.maxDevices,
    maxGateways: l.maxGateways,
    maxMessagesPerDay: l.maxMessagesPerDay,
    retentionDays: l.retentionDays,
    validFrom: l.validFrom.toISOString(),
    validUntil: l.validUntil.toISOString(),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    note: l.note,
    key: l.key,
    state,
    createdAt: l.createdAt.toISOString(),
  };
}

const tenantId = z.object({ tenantId: z.string().min(1).max(64) });

export const adminRouter = router({
  tenants: platformAdminProcedure
    .meta({ openapi: { method: "GET", path: "/admin/tenants", tags, summary: "Every tenant with its usage against its limits" } })
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          id: z.string(),
          slug: z.string(),
          name: z.string(),
          members: z.number(),
          devices: z.number(),
          unlicensedDevices: z.number(),
          gateways: z.number(),
          unlicensedGateways: z.number(),
          messagesToday: z.number(),
          droppedToday: z.number(),
          limits: limitsSchema,
          createdAt: isoDate,
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const tenants = await listTenantsWithUsage(ctx.db);
      return Promise.all(
        tenants.map(async (t) => {
          const limits = await tenantLimits(ctx.db, t.id, ctx.services.license.publicKey);
          return {
            id: t.id,
            slug: t.slug,
            name: t.name,
            members: t.members,
            devices: t.devices,
            unlicensedDevices: t.unlicensedDevices,
            gateways: t.gateways,
            unlicensedGateways: t.unlicensedGateways,
            messagesToday: t.messagesToday,
            droppedToday: t.droppedToday,
            limits: { ...limits, validUntil: limits.validUntil?.toISOString() ?? null },
            createdAt: t.createdAt.toISOString(),
          };
        }),
      );
    }),

  createTenant: platformAdminProcedure
    .meta({ openapi: { method: "POST", path: "/admin/tenants", tags, summary: "Create a tenant and invite its first owner" } })
    .input(
      z.object({
        slug: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "3-40 lower-case letters, digits or dashes"),
        name: z.string().trim().min(1).max(80),
        ownerEmail: z.string().trim().toLowerCase().email(),
      }),
    )
    .output(z.object({ id: z.string(), slug: z.string(), name: z.string(), inviteUrl: z.string().describe("the owner's invitation link, shown once") }))
    .mutation(async ({ ctx, input }) => {
      const tenant = await createTenant(ctx.db, { slug: input.slug, name: input.name });
      const { token } = await createInvitation(ctx.db, tenant.id, { email: input.ownerEmail, role: "OWNER", invitedById: ctx.principal.userId });
      await sendInvitation(ctx.services, { to: input.ownerEmail, tenantName: tenant.name, inviter: ctx.principal.email, role: "OWNER", token });
      return { id: tenant.id, slug: tenant.slug, name: tenant.name, inviteUrl: inviteUrl(ctx.services, token) };
    }),

  tenant: platformAdminProcedure
    .meta({ openapi: { method: "GET", path: "/admin/tenants/{tenantId}", tags, summary: "A tenant's licenses and usage" } })
    .input(tenantId)
    .output(z.object({ id: z.string(), slug: z.string(), name: z.string(), usage: usageSchema, licenses: z.array(licenseSchema) }))
    .query(async ({ ctx, input }) => {
      const tenant = await getTenant(ctx.db, input.tenantId);
      const [enforcement, today, licenses] = await Promise.all([
        applyLicenseLimits(ctx.db, tenant.id, ctx.services.license.publicKey),
        usageOfDay(ctx.db, tenant.id),
        listLicenses(ctx.db, tenant.id),
      ]);
      return { id: tenant.id, slug: tenant.slug, name: tenant.name, usage: toUsage(enforcement, today), licenses: licenses.map((l) => toLicense(l)) };
    }),

  issueLicense: platformAdminProcedure
    .meta({ openapi: { method: "POST", path: "/admin/tenants/{tenantId}/licenses", tags, summary: "Issue a signed license to a tenant" } })
    .input(
      tenantId.extend({
        maxDevices: z.number().int().min(0).max(10_000_000),
        maxGateways: z.number().int().min(0).max(1_000_000),
        maxMessagesPerDay: z.number().int().min(0).max(1_000_000_000),
        retentionDays: z.number().int().min(1).max(3650).default(30),
        validFrom: dateInput.optional(),
        validUntil: dateInput,
        note: z.string().max(500).optional(),
      }),
    )
    .output(licenseSchema)
    .mutation(async ({ ctx, input }) => {
      const { tenantId: id, validFrom, validUntil, ...limits } = input;
      const license = await issueLicense(
        ctx.db,
        id,
        { ...limits, validFrom: validFrom ? new Date(validFrom) : new Date(), validUntil: new Date(validUntil) },
        ctx.services.license.signingKey,
        ctx.principal.userId,
      );
      await devicesChanged(ctx.services, id);
      return toLicense(license);
    }),

  extendLicense: platformAdminProcedure
    .meta({ openapi: { method: "POST", path: "/admin/licenses/{licenseId}/extend", tags, summary: "Move a license's end date; a new key is signed" } })
    .input(tenantId.extend({ licenseId: z.string(), validUntil: dateInput }))
    .output(licenseSchema)
    .mutation(async ({ ctx, input }) => {
      const license = await extendLicense(ctx.db, input.tenantId, input.licenseId, new Date(input.validUntil), ctx.services.license.signingKey);
      await devicesChanged(ctx.services, input.tenantId);
      return toLicense(license);
    }),

  revokeLicense: platformAdminProcedure
    .meta({ openapi: { method: "POST", path: "/admin/licenses/{licenseId}/revoke", tags, summary: "Revoke a license at once" } })
    .input(tenantId.extend({ licenseId: z.string() }))
    .output(licenseSchema)
    .mutation(async ({ ctx, input }) => {
      const license = await revokeLicense(ctx.db, input.tenantId, input.licenseId);
      await devicesChanged(ctx.services, input.tenantId);
      return toLicense(license);
    }),
});

