import "server-only";
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from "@tidewire/db";
import { z } from "zod";
import { router, tenantAdminProcedure, tenantProcedure } from "../init";
import { isoDate, nullableIsoDate } from "../schemas/common";

const tags = ["API keys"];
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  keyId: z.string().describe("the public part: the user name of HTTP Basic and MQTT"),
  scopes: z.array(z.string()),
  rateLimitPerSecond: z.number().nullable(),
  rateLimitPerMinute: z.number().nullable(),
  createdAt: isoDate,
  lastUsedAt: nullableIsoDate,
  revokedAt: nullableIsoDate,
});
type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
const toApiKey = (k: ApiKeyRow): z.infer<typeof apiKeySchema> => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const apiKeysRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/api-keys", tags, summary: "The tenant's API keys (never their secrets)" } })
    .input(z.object({}).optional())
    .output(z.array(apiKeySchema))
    .query(async ({ ctx }) => (await listApiKeys(ctx.db, ctx.access.tenantId)).map(toApiKey)),

  create: tenantAdminProcedure
    .meta({ openapi: { method: "POST", path: "/api-keys", tags, summary: "Create an API key; its secret is shown once" } })
    .input(
      z.object({
        name: z.string().trim().min(1).max(80),
        scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).describe("read: GET; write: changes; mqtt: the built-in broker"),
        rateLimitPerSecond: z.number().int().min(1).max(100_000).nullable().optional(),
        rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullable().optional(),
      }),
    )
    .output(z.object({ id: z.string(), keyId: z.string(), secret: z.string().describe("shown once: store it now") }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.access.tenantId, { ...input, scopes: [...new Set(input.scopes)], createdById: ctx.principal.userId })),

  revoke: tenantAdminProcedure
    .meta({ openapi: { method: "DELETE", path: "/api-keys/{id}", tags, summary: "Revoke an API key at once" } })
    .input(z.object({ id: z.string() }))
    .output(apiKeySchema)
    .mutation(async ({ ctx, input }) => toApiKey(await revokeApiKey(ctx.db, ctx.access.tenantId, input.id))),
});
