import "server-only";
import { getTenant, getTtsIntegration, revokeTtsWebhookSecret, rotateTtsWebhookSecret, saveTtsMqttSettings } from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { iso, nullableIsoDate, okSchema } from "../schemas/common";

const tags = ["Integrations"];

const ttsSchema = z.object({
  webhook: z.object({
    url: z.string().describe("the URL to enter as the TTS webhook's base URL (JSON format; uplink message path empty or /uplink)"),
    configured: z.boolean(),
    secretHint: z.string().nullable().describe("first characters of the secret; the secret itself is shown once"),
  }),
  mqtt: z.object({
    enabled: z.boolean(),
    url: z.string().nullable(),
    username: z.string().nullable().describe("{application id}@{tenant id}"),
    apiKeySet: z.boolean().describe("an API key is stored (never returned)"),
    topic: z.string().nullable(),
    status: z.enum(["UNKNOWN", "CONNECTED", "FAILING", "DISABLED"]),
    lastError: z.string().nullable(),
    lastErrorAt: nullableIsoDate,
    connectedAt: nullableIsoDate,
  }),
  smallDeviceUrl: z.string().describe("small devices POST {iv, ct[, mac]} to this URL with their id in place of {deviceId}"),
  lastUplinkAt: nullableIsoDate,
});

const mqttInputSchema = z.object({
  enabled: z.boolean(),
  url: z
    .string()
    .trim()
    .url()
    .refine((u) => /^(mqtts?|wss?):\/\//.test(u), "use mqtts://host:8883 (or mqtt://, wss://)")
    .describe("the TTS cluster's MQTT address, e.g. mqtts://eu1.cloud.thethings.network:8883"),
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[-]?[a-z0-9]){1,35}(@[a-z0-9](?:[-]?[a-z0-9]){1,35})?$/, "the username is {application id}@{tenant id}, e.g. office-sensors@ttn"),
  apiKey: z.string().trim().min(8).max(500).optional().describe("TTS API key (NNSXS.…); write-only, left out keeps the stored one"),
});

export const integrationsRouter = router({
  tts: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/integrations/tts", tags, summary: "The Things Stack integration: webhook address and MQTT subscription status" } })
    .input(z.object({}).optional())
    .output(ttsSchema)
    .query(async ({ ctx }) => {
      const tenant = await getTenant(ctx.db, ctx.access.tenantId);
      const tts = await getTtsIntegration(ctx.db, ctx.access.tenantId);
      const base = ctx.services.config.INGEST_PUBLIC_URL.replace(/\/$/, "");
      return {
        webhook: { url: `${base}/tts/v3/${tenant.slug}`, configured: tts.webhookConfigured, secretHint: tts.webhookSecretHint },
        mqtt: {
          enabled: tts.mqttEnabled,
          url: tts.mqttUrl,
          username: tts.mqttUsername,
          apiKeySet: tts.mqttApiKeySet,
          topic: tts.mqttUsername ? `v3/${tts.mqttUsername}/devices/+/up` : null,
          status: tts.mqttStatus,
          lastError: tts.mqttLastError,
          lastErrorAt: iso(tts.mqttLastErrorAt),
          connectedAt: iso(tts.mqttConnectedAt),
        },
        smallDeviceUrl: `${base}/small-devices/${tenant.slug}/{deviceId}/uplink`,
        lastUplinkAt: iso(tts.lastUplinkAt),
      };
    }),

  rotateTtsWebhookSecret: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/integrations/tts/webhook-secret",
        tags,
        summary: "Create or replace the TTS webhook secret (shown once)",
        description: "Add it to the TTS webhook as the header Authorization: Bearer <secret>. The previous secret stops working at once.",
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ secret: z.string(), header: z.string() }))
    .mutation(async ({ ctx }) => {
      const { secret } = await rotateTtsWebhookSecret(ctx.db, ctx.access.tenantId);
      return { secret, header: `Authorization: Bearer ${secret}` };
    }),

  revokeTtsWebhookSecret: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/integrations/tts/webhook-secret", tags, summary: "Turn the TTS webhook off (its secret stops working)" } })
    .input(z.object({}).optional())
    .output(okSchema)
    .mutation(async ({ ctx }) => {
      await revokeTtsWebhookSecret(ctx.db, ctx.access.tenantId);
      return { ok: true as const };
    }),

  saveTtsMqtt: tenantWriteProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/integrations/tts/mqtt",
        tags,
        summary: "Subscribe to the tenant's TTS MQTT integration (or stop)",
        description: "Tidewire subscribes to v3/{username}/devices/+/up with the API key as password; the status shows CONNECTED or FAILING with the last error.",
      },
    })
    .input(mqttInputSchema)
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      const current = await getTtsIntegration(ctx.db, ctx.access.tenantId);
      if (input.enabled && !input.apiKey && !current.mqttApiKeySet) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "apiKey: the TTS API key is needed to subscribe" });
      }
      await saveTtsMqttSettings(ctx.db, ctx.box, ctx.access.tenantId, input);
      return { ok: true as const };
    }),
});
