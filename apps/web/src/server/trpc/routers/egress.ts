import "server-only";
import {
  createTarget,
  deleteTarget,
  getTarget,
  listDeadLetters,
  listTargets,
  loadTargetForConnection,
  updateTarget,
  type EgressKind,
} from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { checkEgressHost, EgressAddressError } from "../../egress/address-policy";
import { replayDeadLetters } from "../../egress/dead-letter-replay";
import { testTargetConnection } from "../../egress/connection-testers";
import { checkTargetSettings, EGRESS_KINDS, TargetSettingsError } from "../../egress/target-kinds";
import { targetsChanged } from "../../tenant-changes";
import type { Context } from "../context";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { isoDate, nullableIsoDate } from "../schemas/common";

const tags = ["Egress targets"];
const kindSchema = z.enum(EGRESS_KINDS as [EgressKind, ...EgressKind[]]);
const filtersSchema = z.object({
  tags: z.array(z.string().max(40)).max(50).optional(),
  eeps: z.array(z.string().max(8)).max(50).optional(),
  devices: z.array(z.string().max(8)).max(1000).optional(),
});
const secretsInput = z
  .record(z.string().max(40), z.string().max(20_000).nullable())
  .describe("write-only: a value sets a secret, null removes it, a field left out keeps it");

const targetSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  name: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()).describe("which secrets are set (their values are never returned)"),
  filters: filtersSchema,
  payloadFormat: z.enum(["IOTC", "COMPACT"]),
  status: z.enum(["UNKNOWN", "HEALTHY", "FAILING", "PAUSED", "DISABLED"]),
  lastError: z.string().nullable(),
  lastErrorAt: nullableIsoDate,
  lastSuccessAt: nullableIsoDate,
  delivered: z.number(),
  failed: z.number(),
  retried: z.number(),
  deadLettered: z.number(),
  pendingDeadLetters: z.number().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

type TargetRow = Awaited<ReturnType<typeof getTarget>>;
const toTarget = (t: TargetRow): z.infer<typeof targetSchema> => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  enabled: t.enabled,
  config: (t.config ?? {}) as Record<string, unknown>,
  secretFields: t.secretFields,
  filters: (t.filters ?? {}) as z.infer<typeof filtersSchema>,
  payloadFormat: t.payloadFormat,
  status: t.status,
  lastError: t.lastError,
  lastErrorAt: t.lastErrorAt?.toISOString() ?? null,
  lastSuccessAt: t.lastSuccessAt?.toISOString() ?? null,
  delivered: Number(t.delivered),
  failed: Number(t.failed),
  retried: Number(t.retried),
  deadLettered: Number(t.deadLettered),
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

function settingsOrBadRequest(...args: Parameters<typeof checkTargetSettings>) {
  try {
    return checkTargetSettings(...args);
  } catch (error) {
    if (error instanceof TargetSettingsError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    throw error;
  }
}

/** Outbound addresses are checked when they are saved, not only when delivering. */
async function checkAddress(ctx: Context, kind: EgressKind, config: Record<string, unknown>) {
  const host = kind === "MQTT" ? new URL(String(config.url)).hostname.replace(/^\[|\]$/g, "") : kind === "ENOS" ? String(config.host) : null;
  if (!host) return;
  try {
    await checkEgressHost(host, ctx.services.config.ALLOW_PRIVATE_EGRESS);
  } catch (error) {
    // An address that does not resolve yet is allowed (DNS may come later); a private one is not.
    if (error instanceof EgressAddressError && error.stage === "address") throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    if (!(error instanceof EgressAddressError)) throw error;
  }
}

const connectionResultSchema = z.object({
  ok: z.boolean(),
  stage: z.string().optional().describe("the step that failed: config, dns, address, connect, tls, auth, topic, timeout or unsupported"),
  message: z.string(),
  durationMs: z.number(),
});

const idInput = z.object({ id: z.string().min(1).max(64) });

export const egressRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets", tags, summary: "Egress targets with status, counters and last error" } })
    .input(z.object({}).optional())
    .output(z.array(targetSchema))
    .query(async ({ ctx }) => {
      const targets = await listTargets(ctx.db, ctx.box, ctx.access.tenantId);
      const pending = await ctx.db.deadLetter.groupBy({ by: ["targetId"], where: { tenantId: ctx.access.tenantId, replayedAt: null }, _count: { _all: true } });
      return targets.map((t) => ({ ...toTarget(t), pendingDeadLetters: pending.find((p) => p.targetId === t.id)?._count._all ?? 0 }));
    }),

  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets/{id}", tags, summary: "One egress target" } })
    .input(idInput)
    .output(targetSchema)
    .query(async ({ ctx, input }) => {
      const target = await getTarget(ctx.db, ctx.box, ctx.access.tenantId, input.id);
      const pendingDeadLetters = await ctx.db.deadLetter.count({ where: { tenantId: ctx.access.tenantId, targetId: input.id, replayedAt: null } });
      return { ...toTarget(target), pendingDeadLetters };
    }),

  create: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/egress-targets",
        tags,
        summary: "Create an egress target",
        description: "config and secrets depend on the kind: MQTT {url, topic, qos, retain, clientId, username, rejectUnauthorized} + secrets {password, caCert, clientCert, clientKey}; BUILTIN_MQTT {topic, qos, retain}; AZURE_IOT_HUB secrets {connectionString}; ENOS {host, port, productKey, deviceKey, tls} + secrets {deviceSecret}; AGRIROUTER {environment, applicationId, certificationVersionId, externalId} + secrets {registrationCode}.",
      },
    })
    .input(
      z.object({
        kind: kindSchema,
        name: z.string().trim().min(1).max(80),
        enabled: z.boolean().default(true),
        config: z.record(z.string(), z.unknown()).default({}),
        secrets: secretsInput.optional(),
        filters: filtersSchema.optional(),
        payloadFormat: z.enum(["IOTC", "COMPACT"]).default("IOTC"),
      }),
    )
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      const settings = settingsOrBadRequest(input.kind, input.config, input.secrets);
      await checkAddress(ctx, input.kind, settings.config);
      const target = await createTarget(ctx.db, ctx.box, ctx.access.tenantId, { ...input, config: settings.config, secrets: settings.secrets });
      await targetsChanged(ctx.services, target.id);
      return toTarget(target);
    }),

  update: tenantWriteProcedure
    .meta({ openapi: { method: "PATCH", path: "/egress-targets/{id}", tags, summary: "Change an egress target (fields left out stay as they are)" } })
    .input(
      idInput.extend({
        name: z.string().trim().min(1).max(80).optional(),
        enabled: z.boolean().optional(),
        config: z.record(z.string(), z.unknown()).optional(),
        secrets: secretsInput.optional(),
        filters: filtersSchema.optional(),
        payloadFormat: z.enum(["IOTC", "COMPACT"]).optional(),
      }),
    )
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      const current = await getTarget(ctx.db, ctx.box, ctx.access.tenantId, input.id);
      const { id, ...patch } = input;
      if (patch.config !== undefined || patch.secrets !== undefined) {
        const settings = settingsOrBadRequest(current.kind, patch.config ?? (current.config as Record<string, unknown>), patch.secrets, current.secretFields);
        patch.config = settings.config;
        await checkAddress(ctx, current.kind, settings.config);
      }
      const target = await updateTarget(ctx.db, ctx.box, ctx.access.tenantId, id, patch);
      await targetsChanged(ctx.services, id);
      return toTarget(target);
    }),

  setEnabled: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/enabled", tags, summary: "Enable or disable a target" } })
    .input(idInput.extend({ enabled: z.boolean() }))
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      const target = await updateTarget(ctx.db, ctx.box, ctx.access.tenantId, input.id, { enabled: input.enabled });
      await targetsChanged(ctx.services, input.id);
      return toTarget(target);
    }),

  delete: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/egress-targets/{id}", tags, summary: "Delete a target and its dead letters" } })
    .input(idInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await deleteTarget(ctx.db, ctx.access.tenantId, input.id);
      await targetsChanged(ctx.services, input.id);
      return removed;
    }),

  test: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/test", tags, summary: "Test a saved target's connection; says which step failed" } })
    .input(idInput)
    .output(connectionResultSchema)
    .mutation(async ({ ctx, input }) => {
      const target = await loadTargetForConnection(ctx.db, ctx.box, ctx.access.tenantId, input.id);
      const result = await testTargetConnection(ctx.services, {
        tenantId: ctx.access.tenantId,
        tenantSlug: ctx.access.tenantSlug,
        kind: target.kind,
        config: (target.config ?? {}) as Record<string, unknown>,
        secrets: target.secrets,
      });
      return result.ok ? { ok: true, message: result.detail, durationMs: result.durationMs } : { ok: false, stage: result.stage, message: result.message, durationMs: result.durationMs };
    }),

  testSettings: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/test", tags, summary: "Test settings before saving them" } })
    .input(z.object({ kind: kindSchema, config: z.record(z.string(), z.unknown()).default({}), secrets: z.record(z.string(), z.string()).optional(), targetId: z.string().optional() }))
    .output(connectionResultSchema)
    .mutation(async ({ ctx, input }) => {
      // Editing a saved target: secrets not typed again are the stored ones.
      const stored = input.targetId ? (await loadTargetForConnection(ctx.db, ctx.box, ctx.access.tenantId, input.targetId)).secrets : {};
      let settings;
      try {
        settings = checkTargetSettings(input.kind, input.config, { ...stored, ...input.secrets });
      } catch (error) {
        if (error instanceof TargetSettingsError) return { ok: false, stage: "config", message: error.message, durationMs: 0 };
        throw error;
      }
      const result = await testTargetConnection(ctx.services, {
        tenantId: ctx.access.tenantId,
        tenantSlug: ctx.access.tenantSlug,
        kind: input.kind,
        config: settings.config,
        secrets: Object.fromEntries(Object.entries(settings.secrets).filter((e): e is [string, string] => typeof e[1] === "string")),
      });
      return result.ok ? { ok: true, message: result.detail, durationMs: result.durationMs } : { ok: false, stage: result.stage, message: result.message, durationMs: result.durationMs };
    }),

  deadLetters: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets/{id}/dead-letters", tags, summary: "Batches the target could not deliver" } })
    .input(idInput.extend({ includeReplayed: z.boolean().default(false), take: z.number().int().min(1).max(1000).default(100) }))
    .output(
      z.object({
        total: z.number(),
        rows: z.array(
          z.object({
            id: z.string(),
            error: z.string(),
            attempts: z.number(),
            messages: z.number(),
            devices: z.array(z.string()),
            createdAt: isoDate,
            replayedAt: nullableIsoDate,
            payload: z.unknown().describe("the batch as it was queued (IoTC messages)"),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { total, rows } = await listDeadLetters(ctx.db, ctx.access.tenantId, input.id, input);
      return {
        total,
        rows: rows.map((r) => {
          const messages = ((r.payload as { messages?: { sourceEurid?: string }[] })?.messages ?? []) as { sourceEurid?: string }[];
          return {
            id: r.id,
            error: r.error,
            attempts: r.attempts,
            messages: messages.length,
            devices: [...new Set(messages.map((m) => m.sourceEurid ?? "?"))],
            createdAt: r.createdAt.toISOString(),
            replayedAt: r.replayedAt?.toISOString() ?? null,
            payload: r.payload,
          };
        }),
      };
    }),

  replay: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/dead-letters/replay", tags, summary: "Put dead letters back on the target's queue (all, or the given ids)" } })
    .input(idInput.extend({ ids: z.array(z.string()).max(10_000).optional() }))
    .output(z.object({ replayed: z.number(), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }))
    .mutation(({ ctx, input }) =>
      replayDeadLetters({ db: ctx.db, redis: ctx.services.redis, prefix: ctx.services.config.REDIS_PREFIX }, ctx.access.tenantId, input.id, input.ids),
    ),
});
