import "server-only";
import { redisKey } from "@tidewire/config";
import { acceptInvitation, createPasswordReset, findInvitation, listUserTenants, resetPassword } from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { TENANT_COOKIE } from "../../auth/tenant-access";
import { sendPasswordReset } from "../../mail/account-mails";
import { authedProcedure, publicProcedure, router, sessionProcedure } from "../init";
import { isoDate } from "../schemas/common";

const tags = ["Session"];
const roleSchema = z.enum(["OWNER", "ADMIN", "VIEWER"]);
const RESETS_PER_HOUR = 5;

const password = z.string().min(10, "at least 10 characters").max(200);

export const sessionRouter = router({
  /** Who is signed in (or which key is used) and for which tenant the request acts. */
  whoami: authedProcedure
    .meta({ openapi: { method: "GET", path: "/me", tags, summary: "Who is calling, and for which tenant" } })
    .input(z.object({}).optional())
    .output(
      z.object({
        kind: z.enum(["session", "apiKey"]),
        email: z.string().nullable(),
        name: z.string().nullable(),
        keyId: z.string().nullable(),
        scopes: z.array(z.string()).nullable(),
        isPlatformAdmin: z.boolean(),
        tenant: z.object({ slug: z.string(), name: z.string(), role: roleSchema, canWrite: z.boolean() }).nullable(),
        tenants: z.array(z.object({ slug: z.string(), name: z.string(), role: roleSchema })),
      }),
    )
    .query(async ({ ctx }) => {
      const p = ctx.principal;
      const tenant = ctx.access ? { slug: ctx.access.tenantSlug, name: ctx.access.tenantName, role: ctx.access.role, canWrite: ctx.access.canWrite } : null;
      if (p.kind === "apiKey") {
        return { kind: "apiKey" as const, email: null, name: null, keyId: p.keyId, scopes: p.scopes, isPlatformAdmin: false, tenant, tenants: tenant ? [tenant] : [] };
      }
      const tenants = await listUserTenants(ctx.db, p.userId);
      return {
        kind: "session" as const,
        email: p.email,
        name: p.name,
        keyId: null,
        scopes: null,
        isPlatformAdmin: p.isPlatformAdmin,
        tenant,
        tenants: tenants.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
      };
    }),

  switchTenant: sessionProcedure
    .meta({ openapi: { method: "POST", path: "/me/tenant", tags, summary: "Act for another of your tenants (sets the tenant cookie)" } })
    .input(z.object({ slug: z.string().min(1).max(40) }))
    .output(z.object({ slug: z.string(), name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const tenant = (await listUserTenants(ctx.db, ctx.principal.userId)).find((t) => t.slug === input.slug);
      if (!tenant) throw new TRPCError({ code: "FORBIDDEN", message: `you are not a member of tenant ${input.slug}` });
      const secure = ctx.services.config.PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
      ctx.setCookie(`${TENANT_COOKIE}=${encodeURIComponent(tenant.slug)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`);
      return { slug: tenant.slug, name: tenant.name };
    }),

  signInMethods: publicProcedure
    .meta({ openapi: { method: "GET", path: "/auth/methods", tags, summary: "How people can sign in here", protect: false } })
    .input(z.object({}).optional())
    .output(z.object({ password: z.boolean(), oidc: z.object({ id: z.string(), name: z.string() }).nullable() }))
    .query(({ ctx }) => {
      const c = ctx.services.config;
      return { password: true, oidc: c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET ? { id: "oidc", name: c.OIDC_NAME } : null };
    }),

  requestPasswordReset: publicProcedure
    .meta({ openapi: { method: "POST", path: "/auth/password-reset", tags, summary: "E-mail a password reset link (the answer is the same whether the account exists or not)", protect: false } })
    .input(z.object({ email: z.string().trim().toLowerCase().email() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const key = redisKey(ctx.services.config.REDIS_PREFIX, "password-reset", input.email);
      const count = await ctx.services.redis.multi().incr(key).expire(key, 3600, "NX").exec();
      if (Number(count?.[0]?.[1] ?? 0) > RESETS_PER_HOUR) {
        throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "too many reset requests for this address; try again in an hour" });
      }
      const reset = await createPasswordReset(ctx.db, input.email);
      if (reset) await sendPasswordReset(ctx.services, { to: reset.email, token: reset.token });
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .meta({ openapi: { method: "POST", path: "/auth/password-reset/confirm", tags, summary: "Set a new password with a reset link's token", protect: false } })
    .input(z.object({ token: z.string().min(10).max(200), password }))
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const user = await resetPassword(ctx.db, input.token, input.password);
      return { email: user.email };
    }),

  invitation: publicProcedure
    .meta({ openapi: { method: "GET", path: "/invitations/{token}", tags, summary: "What an invitation link offers", protect: false } })
    .input(z.object({ token: z.string().min(10).max(200) }))
    .output(z.object({ email: z.string(), role: roleSchema, tenantName: z.string(), expiresAt: isoDate, hasAccount: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const invitation = await findInvitation(ctx.db, input.token);
      return { email: invitation.email, role: invitation.role, tenantName: invitation.tenant.name, expiresAt: invitation.expiresAt.toISOString(), hasAccount: invitation.hasAccount };
    }),

  acceptInvitation: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/invitations/{token}/accept",
        tags,
        summary: "Accept an invitation: signed in as the invited account, or creating it with a name and password",
        protect: false,
      },
    })
    .input(z.object({ token: z.string().min(10).max(200), name: z.string().trim().min(1).max(80).optional(), password: password.optional() }))
    .output(z.object({ email: z.string(), tenantSlug: z.string(), tenantName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const who =
        ctx.principal.kind === "session"
          ? { signedInUserId: ctx.principal.userId }
          : input.name && input.password
            ? { name: input.name, password: input.password }
            : null;
      if (!who) throw new TRPCError({ code: "BAD_REQUEST", message: "sign in as the invited account, or give a name and a password to create it" });
      const accepted = await acceptInvitation(ctx.db, input.token, who);
      return { email: accepted.email, tenantSlug: accepted.tenant.slug, tenantName: accepted.tenant.name };
    }),
});
