import "server-only";
import { listTargetDeadLetters } from "@tidewire/db";
import {
  deleteEgressTarget,
  EGRESS_KINDS,
  egressTargetStatus,
  generateTargetCertificate,
  getEgressTarget,
  listEgressTargets,
  purgeDeadLetters,
  replayDeadLetters,
  saveEgressTarget,
  setEgressTargetEnabled,
  testEgressSettings,
  testEgressTarget,
  type PublicTarget,
  type TestConnectionResult,
} from "@tidewire/egress";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { connectionTestOptions, refusedOutboundAddress, targetAdminDeps } from "../../egress/egress-services";
import type { Context } from "../context";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { isoDate, nullableIsoDate } from "../schemas/common";

// Egress targets: this router is the portal's and the REST API's face of packages/egress. Settings
// are validated there per kind (targetKindSchemas), secrets sealed and write-only, and the delivery
// workers told of every change (channels.targetsChanged).

const tags = ["Egress targets"];
const kindSchema = z.enum(EGRESS_KINDS);
const filtersSchema = z.object({
  tags: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  eeps: z.array(z.string().trim().min(1).max(8)).max(50).optional(),
  devices: z.array(z.string().trim().min(1).max(8)).max(1000).optional(),
});
const payloadFormatSchema = z.enum(["IOTC", "COMPACT"]).describe("IOTC: the IoTC message; COMPACT: {sourceEurid, time, values{key: value}}");
const secretsInput = z
  .record(z.string().max(40), z.string().max(20_000).nullable())
  .describe("write-only: a value sets a secret, null (or \"\") removes it, a field left out keeps it");
const configInput = z.record(z.string(), z.unknown()).describe("the kind's settings; see docs/egress.md (per kind) — checked against the kind's schema");

const counterNumber = z.number().describe("since the target was created");
const targetSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  name: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()).describe("which secrets are set (their values are never returned)"),
  certificate: z
    .object({ sha1: z.string(), sha256: z.string(), subject: z.string(), notAfter: isoDate })
    .nullable()
    .describe("the stored device/client certificate's thumbprints (what an Azure IoT Hub X.509 device is registered with)"),
  progress: z
    .object({ onboarded: z.boolean().optional(), endpointId: z.string().optional(), capabilitiesSent: z.boolean().optional(), activated: z.boolean().optional() })
    .nullable()
    .describe("agrirouter: whether the endpoint is onboarded; EnOS dynamic activation: whether the device secret was received"),
  filters: filtersSchema,
  payloadFormat: payloadFormatSchema,
  status: z.enum(["UNKNOWN", "HEALTHY", "FAILING", "PAUSED", "DISABLED"]),
  lastError: z.string().nullable(),
  lastErrorAt: nullableIsoDate,
  lastSuccessAt: nullableIsoDate,
  delivered: counterNumber,
  failed: counterNumber,
  retried: counterNumber,
  deadLettered: counterNumber,
  overflowed: counterNumber,
  backlog: z.number().describe("batches waiting, as last flushed by the delivery worker"),
  pendingDeadLetters: z.number().describe("dead letters waiting for replay or purge"),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const toTarget = (t: PublicTarget, pendingDeadLetters: number): z.infer<typeof targetSchema> => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  enabled: t.enabled,
  config: (t.config ?? {}) as Record<string, unknown>,
  secretFields: t.secretFields,
  certificate: t.certificate ? { ...t.certificate, notAfter: t.certificate.notAfter.toISOString() } : null,
  progress: t.progress,
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
  overflowed: Number(t.overflowed),
  backlog: t.backlog,
  pendingDeadLetters,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

async function pendingDeadLetters(ctx: Context & { access: { tenantId: string } }, targetId?: string) {
  const rows = await ctx.db.deadLetter.groupBy({ by: ["targetId"], where: { tenantId: ctx.access.tenantId, ...(targetId ? { targetId } : {}) }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.targetId, r._count._all]));
}

async function answer(ctx: Context & { access: { tenantId: string } }, target: PublicTarget) {
  return toTarget(target, (await pendingDeadLetters(ctx, target.id)).get(target.id) ?? 0);
}

async function refuseOutboundAddress(ctx: Context, kind: z.infer<typeof kindSchema>, config: Record<string, unknown>, secrets?: Record<string, string | null>) {
  const refused = await refusedOutboundAddress(ctx.services, kind, config, secrets);
  if (refused) throw new TRPCError({ code: "BAD_REQUEST", message: refused });
}

const connectionResultSchema = z.object({
  ok: z.boolean(),
  stage: z
    .string()
    .optional()
    .describe("the step that failed: config, address, dns, tcp, tls, auth, topic, timeout, protocol, onboarding or rejected"),
  message: z.string(),
  durationMs: z.number(),
});

/** What a test that went through did, in the kind's terms. */
const SUCCESS: Record<z.infer<typeof kindSchema>, string> = {
  MQTT: "connected, authenticated and published a probe message on the topic",
  BUILTIN_MQTT: "connected to the built-in broker and published a probe message in your topic space",
  AZURE_IOT_HUB: "connected to the hub and authenticated as the device",
  ENOS: "connected and authenticated (activated, for dynamic activation)",
  AGRIROUTER: "endpoint onboarded, connected with its certificate",
};

async function timed(kind: z.infer<typeof kindSchema>, run: () => Promise<TestConnectionResult>): Promise<z.infer<typeof connectionResultSchema>> {
  const started = Date.now();
  const result = await run();
  const durationMs = Date.now() - started;
  return result.ok ? { ok: true, message: result.detail ?? SUCCESS[kind], durationMs } : { ok: false, stage: result.stage, message: result.message, durationMs };
}

const idInput = z.object({ id: z.string().min(1).max(64) });
const nameInput = z.string().trim().min(1).max(80);

export const egressRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets", tags, summary: "Egress targets with status, counters and last error" } })
    .input(z.object({}).optional())
    .output(z.array(targetSchema))
    .query(async ({ ctx }) => {
      const [targets, pending] = await Promise.all([listEgressTargets(ctx, ctx.access.tenantId), pendingDeadLetters(ctx)]);
      return targets.map((t) => toTarget(t, pending.get(t.id) ?? 0));
    }),

  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets/{id}", tags, summary: "One egress target" } })
    .input(idInput)
    .output(targetSchema)
    .query(async ({ ctx, input }) => answer(ctx, await getEgressTarget(ctx, ctx.access.tenantId, input.id))),

  status: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets/{id}/status", tags, summary: "Delivery status: health, counters, live backlog, dead letters, last error and success" } })
    .input(idInput)
    .output(
      z.object({
        id: z.string(),
        status: targetSchema.shape.status,
        enabled: z.boolean(),
        lastError: z.string().nullable(),
        lastErrorAt: nullableIsoDate,
        lastSuccessAt: nullableIsoDate,
        counters: z.object({ delivered: z.number(), failed: z.number(), retried: z.number(), deadLettered: z.number(), overflowed: z.number() }),
        backlog: z.number().describe("batches waiting on the target's queue now"),
        deadLetters: z.number(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const s = await egressTargetStatus(targetAdminDeps(ctx.services), ctx.access.tenantId, input.id);
      return {
        id: s.id,
        status: s.status,
        enabled: s.enabled,
        lastError: s.lastError,
        lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
        lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
        counters: Object.fromEntries(Object.entries(s.counters).map(([k, v]) => [k, Number(v)])) as Record<keyof typeof s.counters, number>,
        backlog: s.backlog,
        deadLetters: s.deadLetters,
      };
    }),

  create: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/egress-targets",
        tags,
        summary: "Create an egress target",
        description:
          "config and secrets depend on the kind and are checked against its schema (docs/egress.md lists every field): " +
          "MQTT {url, topic, qos, retain, clientId, username, caCertificate, verifyCertificate} + secrets {password, clientCertificate, clientKey, clientKeyPassphrase}; " +
          "BUILTIN_MQTT {topic, qos, retain}; " +
          "AZURE_IOT_HUB {auth: sas|x509, identity: single|perSensor, hostName, deviceId, deviceIdTemplate, messageProperties} + secrets {connectionString} or {certificate, privateKey} (or generateCertificate: true); " +
          "ENOS {url, productKey, deviceKey, activation: static|dynamic, measurePointMap, unmappedKeys} + secrets {deviceSecret} or {productSecret}; " +
          "AGRIROUTER {mode, technicalMessageType, recipients} + secrets {registrationCode}.",
      },
    })
    .input(
      z.object({
        kind: kindSchema,
        name: nameInput,
        enabled: z.boolean().default(true),
        config: configInput.default({}),
        secrets: secretsInput.optional(),
        filters: filtersSchema.optional(),
        payloadFormat: payloadFormatSchema.default("IOTC"),
        generateCertificate: z.boolean().optional().describe("Azure IoT Hub with auth x509: generate a self-signed device certificate; its thumbprints are in the answer"),
      }),
    )
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      await refuseOutboundAddress(ctx, input.kind, input.config, input.secrets);
      return answer(ctx, await saveEgressTarget(targetAdminDeps(ctx.services), ctx.access.tenantId, input));
    }),

  update: tenantWriteProcedure
    .meta({ openapi: { method: "PATCH", path: "/egress-targets/{id}", tags, summary: "Change an egress target (fields left out stay as they are; secrets left out are kept)" } })
    .input(
      idInput.extend({
        name: nameInput.optional(),
        enabled: z.boolean().optional(),
        config: configInput.optional(),
        secrets: secretsInput.optional(),
        filters: filtersSchema.optional(),
        payloadFormat: payloadFormatSchema.optional(),
        generateCertificate: z.boolean().optional(),
      }),
    )
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      const current = await getEgressTarget(ctx, ctx.access.tenantId, input.id);
      const config = input.config ?? (current.config as Record<string, unknown>);
      if (input.config || input.secrets) await refuseOutboundAddress(ctx, current.kind, config, input.secrets);
      const saved = await saveEgressTarget(targetAdminDeps(ctx.services), ctx.access.tenantId, {
        id: input.id,
        kind: current.kind,
        name: input.name ?? current.name,
        config,
        filters: input.filters ?? (current.filters as z.infer<typeof filtersSchema>),
        payloadFormat: input.payloadFormat ?? current.payloadFormat,
        ...(input.secrets ? { secrets: input.secrets } : {}),
        ...(input.enabled !== undefined && input.enabled !== current.enabled ? { enabled: input.enabled } : {}),
        ...(input.generateCertificate ? { generateCertificate: true } : {}),
      });
      return answer(ctx, saved);
    }),

  setEnabled: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/enabled", tags, summary: "Enable or disable a target" } })
    .input(idInput.extend({ enabled: z.boolean() }))
    .output(targetSchema)
    .mutation(async ({ ctx, input }) => {
      await setEgressTargetEnabled(targetAdminDeps(ctx.services), ctx.access.tenantId, input.id, input.enabled);
      return answer(ctx, await getEgressTarget(ctx, ctx.access.tenantId, input.id));
    }),

  delete: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/egress-targets/{id}", tags, summary: "Delete a target, its queue and its dead letters" } })
    .input(idInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await deleteEgressTarget(targetAdminDeps(ctx.services), ctx.access.tenantId, input.id);
      return { id: input.id };
    }),

  test: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/test", tags, summary: "Test a saved target's connection; says which step failed" } })
    .input(idInput)
    .output(connectionResultSchema)
    .mutation(async ({ ctx, input }) => {
      const target = await getEgressTarget(ctx, ctx.access.tenantId, input.id);
      return timed(target.kind, () => testEgressTarget(ctx, ctx.access.tenantId, input.id, target.kind, connectionTestOptions(ctx.services)));
    }),

  testSettings: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/test", tags, summary: "Test settings before saving them (with targetId: secrets left out are the saved target's)" } })
    .input(z.object({ kind: kindSchema, config: configInput.default({}), secrets: secretsInput.optional(), targetId: z.string().min(1).max(64).optional() }))
    .output(connectionResultSchema)
    .mutation(({ ctx, input }) =>
      timed(input.kind, () =>
        testEgressSettings(
          ctx,
          ctx.access.tenantId,
          { kind: input.kind, config: input.config, ...(input.secrets ? { secrets: input.secrets } : {}), ...(input.targetId ? { targetId: input.targetId } : {}) },
          connectionTestOptions(ctx.services),
        ),
      ),
    ),

  generateCertificate: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/egress-targets/{id}/certificate",
        tags,
        summary: "Azure IoT Hub X.509: generate a new self-signed device certificate",
        description: "Stores the certificate and its private key (sealed, never returned) on the target and answers the thumbprints to register the hub device with.",
      },
    })
    .input(idInput)
    .output(z.object({ sha1: z.string(), sha256: z.string(), subject: z.string(), notAfter: isoDate }))
    .mutation(async ({ ctx, input }) => {
      const c = await generateTargetCertificate(targetAdminDeps(ctx.services), ctx.access.tenantId, input.id);
      return { ...c, notAfter: c.notAfter.toISOString() };
    }),

  deadLetters: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/egress-targets/{id}/dead-letters", tags, summary: "Batches the target could not deliver, oldest first" } })
    .input(idInput.extend({ take: z.coerce.number().int().min(1).max(1000).default(100) }))
    .output(
      z.object({
        total: z.number(),
        rows: z.array(
          z.object({
            id: z.string(),
            reason: z.string().describe("MAX_AGE (the target stayed down), MAX_ATTEMPTS, OVERFLOW (backlog bound), HELD (an earlier message of a device is a dead letter), REJECTED"),
            error: z.string(),
            attempts: z.number(),
            messages: z.number(),
            devices: z.array(z.string()),
            createdAt: isoDate,
            payload: z.unknown().describe("the batch as it was queued"),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      await getEgressTarget(ctx, ctx.access.tenantId, input.id);
      const { total, rows } = await listTargetDeadLetters(ctx.db, ctx.access.tenantId, input.id, { take: input.take });
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          reason: r.reason,
          error: r.error,
          attempts: r.attempts,
          messages: ((r.payload as { messages?: unknown[] } | null)?.messages ?? []).length,
          devices: r.devices,
          createdAt: r.createdAt.toISOString(),
          payload: r.payload,
        })),
      };
    }),

  replay: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/egress-targets/{id}/dead-letters/replay",
        tags,
        summary: "Deliver dead letters again (all, or the given ids), oldest first, before newer messages",
      },
    })
    .input(idInput.extend({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional() }))
    .output(z.object({ requested: z.number().describe("dead letters the replay covers; each leaves the list once delivered") }))
    .mutation(async ({ ctx, input }) => {
      const target = await getEgressTarget(ctx, ctx.access.tenantId, input.id);
      if (!target.enabled) throw new TRPCError({ code: "CONFLICT", message: "enable the target before replaying its dead letters" });
      return replayDeadLetters(targetAdminDeps(ctx.services), ctx.access.tenantId, input.id, input.ids);
    }),

  purge: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/egress-targets/{id}/dead-letters/purge", tags, summary: "Delete dead letters for good (all, or the given ids)" } })
    .input(idInput.extend({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional() }))
    .output(z.object({ purged: z.number() }))
    .mutation(async ({ ctx, input }) => {
      await getEgressTarget(ctx, ctx.access.tenantId, input.id);
      return purgeDeadLetters(ctx, ctx.access.tenantId, input.id, input.ids);
    }),
});
