import "server-only";
import { recordAudit, DataError } from "@tidewire/db";
import { EgressAdminError, TargetSettingsError } from "@tidewire/egress";
import { LicenseError } from "@tidewire/license";
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { auditDetails } from "./audit-details";
import type { Context } from "./context";

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field-level problems for forms; never the stack or internals.
          stack: undefined,
          issues:
            error.cause instanceof ZodError
              ? error.cause.issues
              : error.cause instanceof TargetSettingsError
                ? error.cause.issues.map((i) => ({ code: "custom", path: i.path.split("."), message: i.message }))
                : undefined,
        },
      };
    },
  });

const DATA_ERROR_STATUS: Record<DataError["code"], TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  EXPIRED: "BAD_REQUEST",
  LIMIT: "FORBIDDEN",
};

/** Typed refusals of the data layer become HTTP statuses with their message; anything else is
 * an internal error whose details stay in the log. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DataError) {
      throw new TRPCError({ code: DATA_ERROR_STATUS[cause.code], message: cause.message, cause });
    }
    if (cause instanceof EgressAdminError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    if (cause instanceof TargetSettingsError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    }
    if (cause instanceof LicenseError) {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `license: ${cause.message}`, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.services.log.error({ err: cause ?? result.error, path }, "procedure failed");
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

/** Anyone authenticated: a person or an API key. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind === "anonymous") throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in or use an API key" });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** A person signed in to the portal (not an API key). */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind !== "session") {
    throw new TRPCError({
      code: ctx.principal.kind === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN",
      message: "this needs a person signed in to the portal, not an API key",
    });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** Every tenant action: the caller belongs to the tenant; everything is scoped to it. */
export const tenantProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.access) {
    throw new TRPCError({ code: "FORBIDDEN", message: ctx.accessDenied ?? "you are not a member of any tenant" });
  }
  return next({ ctx: { ...ctx, access: ctx.access } });
});

/** Records a successful change in the tenant's audit log (secrets redacted). */
const audited = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const result = await next();
  if (result.ok && type === "mutation") {
    const input = await getRawInput().catch(() => undefined);
    const data = result.data as { id?: unknown } | undefined;
    const raw = (input ?? {}) as Record<string, unknown>;
    const entityId = [data?.id, raw.id, raw.sourceEurid, raw.tenantId, raw.userId].find((v) => typeof v === "string") as string | undefined;
    const tenantId = ctx.access?.tenantId ?? (typeof raw.tenantId === "string" ? raw.tenantId : null);
    await recordAudit(ctx.db, {
      tenantId,
      actorUserId: ctx.principal.kind === "session" ? ctx.principal.userId : null,
      actorApiKey: ctx.principal.kind === "apiKey" ? ctx.principal.keyId : null,
      action: path,
      entityType: path.split(".")[0] ?? path,
      entityId: entityId ?? null,
      details: auditDetails(input) as Record<string, unknown>,
    }).catch((err: unknown) => ctx.services.log.error({ err, path }, "could not write the audit log"));
  }
  return result;
});

/** Changes: owners and admins (or an API key with the write scope); viewers change nothing. */
export const tenantWriteProcedure = tenantProcedure
  .use(({ ctx, next }) => {
    if (!ctx.access.canWrite) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: ctx.access.via === "apiKey" ? "this API key has no write scope" : "viewers cannot change anything",
      });
    }
    return next();
  })
  .use(audited);

/** Managing people and credentials (members, invitations, API keys): owners and admins signed
 * in to the portal; an API key cannot mint keys or let people in. */
export const tenantAdminProcedure = tenantWriteProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind !== "session") {
    throw new TRPCError({ code: "FORBIDDEN", message: "members and API keys are managed by people signed in to the portal" });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** The license portal: platform admins signed in to the portal. */
export const platformAdminProcedure = sessionProcedure
  .use(({ ctx, next }) => {
    if (!ctx.principal.isPlatformAdmin) throw new TRPCError({ code: "FORBIDDEN", message: "platform admins only" });
    return next();
  })
  .use(audited);
