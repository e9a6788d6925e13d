import "server-only";
import {
  createDevice,
  DEVICE_SORT_FIELDS,
  deleteDevice,
  getDeviceDetail,
  latestTelemetry,
  listAlarms,
  listDeviceTags,
  queryDevices,
  telemetrySeries,
  updateDevice,
} from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { LabelCodeError, parseLabelCode } from "../../../onboarding/label-code";
import { devicesChanged } from "../../tenant-changes";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { alarmSchema, toAlarm } from "../schemas/alarm";
import { dateInput, deviceIdSchema, iso, isoDate } from "../schemas/common";
import { deviceFieldsSchema, deviceInputSchema, deviceKindSchema, deviceRowSchema, statsSchema, toDeviceRow, toStats } from "../schemas/device";

const tags = ["Devices"];
const eurid = z.object({ sourceEurid: deviceIdSchema });

const receptionSchema = z.object({ gateway: z.string(), gatewayId: z.string().nullable(), rssi: z.number().nullable(), time: isoDate.nullable() });
const telegramSchema = z.object({
  telegramId: z.string(),
  time: isoDate,
  rssi: z.number().nullable(),
  rawData: z.string(),
  data: z.array(z.record(z.string(), z.unknown())),
  signal: z.array(z.record(z.string(), z.unknown())),
  receptions: z.array(receptionSchema),
});

/** Receptions as the worker stores them ({gatewayId, gateway, rssi, at}), for people. */
function toReceptions(value: unknown): z.infer<typeof receptionSchema>[] {
  if (!Array.isArray(value)) return [];
  return value.map((r: Record<string, unknown>) => ({
    gateway: String(r.gateway ?? r.mac ?? r.gatewayId ?? "?"),
    gatewayId: typeof r.gatewayId === "string" ? r.gatewayId : null,
    rssi: typeof r.rssi === "number" ? r.rssi : null,
    time: typeof r.at === "number" ? new Date(r.at).toISOString() : typeof r.time === "string" ? r.time : null,
  }));
}

const asEntries = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

export const devicesRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/devices", tags, summary: "Search, sort and page the tenant's devices" } })
    .input(
      z.object({
        search: z.string().max(100).optional(),
        tag: z.string().max(40).optional(),
        active: z.boolean().optional(),
        licensed: z.boolean().optional(),
        kind: deviceKindSchema.optional(),
        sort: z.enum(DEVICE_SORT_FIELDS).default("friendlyId"),
        direction: z.enum(["asc", "desc"]).default("asc"),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(500).default(50),
      }),
    )
    .output(z.object({ total: z.number(), page: z.number(), pageSize: z.number(), rows: z.array(deviceRowSchema) }))
    .query(async ({ ctx, input }) => {
      const result = await queryDevices(ctx.db, ctx.access.tenantId, input);
      return { ...result, rows: result.rows.map(toDeviceRow) };
    }),

  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/devices/{sourceEurid}", tags, summary: "One device with its statistics and alarms" } })
    .input(eurid)
    .output(
      deviceRowSchema.extend({
        slf: z.string().nullable(),
        hmacKeySet: z.boolean().describe("small device: an HMAC key is set (never returned)"),
        lastSequence: z.number().nullable().describe("small device: the last accepted sequence number"),
        stats: statsSchema,
        alarms: z.array(alarmSchema),
      }),
    )
    .query(async ({ ctx, input }) => {
      const device = await getDeviceDetail(ctx.db, ctx.access.tenantId, input.sourceEurid);
      const alarms = await listAlarms(ctx.db, ctx.access.tenantId, { deviceId: device.id, take: 20 });
      return {
        ...toDeviceRow(device),
        slf: device.slf,
        hmacKeySet: device.hmacKeySet,
        lastSequence: device.lastSequence,
        stats: toStats(device.stats),
        alarms: alarms.map(toAlarm),
      };
    }),

  create: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/devices", tags, summary: "Onboard a device (EnOcean, LoRaWAN or small device)", description: "kind picks the id: an EURID (ENOCEAN), a DevEUI (LORAWAN) or a small device's id (SMALL_DEVICE). AES and HMAC keys are write-only: stored encrypted and never returned." } })
    .input(deviceInputSchema)
    .output(deviceRowSchema)
    .mutation(async ({ ctx, input }) => {
      const device = await createDevice(ctx.db, ctx.box, ctx.access.tenantId, input);
      await devicesChanged(ctx.services, ctx.access.tenantId);
      const detail = await getDeviceDetail(ctx.db, ctx.access.tenantId, device.sourceEurid);
      return toDeviceRow(detail);
    }),

  update: tenantWriteProcedure
    .meta({ openapi: { method: "PATCH", path: "/devices/{sourceEurid}", tags, summary: "Change a device (fields left out stay as they are)" } })
    .input(deviceFieldsSchema.partial().extend({ sourceEurid: deviceIdSchema }))
    .output(deviceRowSchema)
    .mutation(async ({ ctx, input }) => {
      const { sourceEurid, ...patch } = input;
      await updateDevice(ctx.db, ctx.box, ctx.access.tenantId, sourceEurid, patch);
      await devicesChanged(ctx.services, ctx.access.tenantId);
      return toDeviceRow(await getDeviceDetail(ctx.db, ctx.access.tenantId, sourceEurid));
    }),

  createFromLabel: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/from-label",
        tags,
        summary: "Onboard a device from its EnOcean product label code (QR code text)",
        description: "The label's EURID (30S) and security key (Z) are used; everything else comes from the request. A label with a key needs the SLF.",
      },
    })
    .input(deviceFieldsSchema.extend({ label: z.string().min(3).max(500) }))
    .output(deviceRowSchema)
    .mutation(async ({ ctx, input }) => {
      const { label: text, ...fields } = input;
      let label;
      try {
        label = parseLabelCode(text);
      } catch (error) {
        if (error instanceof LabelCodeError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
      const device = deviceInputSchema.safeParse({
        ...fields,
        sourceEurid: label.sourceEurid,
        ...(label.aesKey ? { aesKey: label.aesKey, slf: fields.slf ?? undefined } : {}),
        friendlyId: fields.friendlyId ?? label.name ?? "",
      });
      if (!device.success) throw new TRPCError({ code: "BAD_REQUEST", message: device.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), cause: device.error });
      const created = await createDevice(ctx.db, ctx.box, ctx.access.tenantId, device.data);
      await devicesChanged(ctx.services, ctx.access.tenantId);
      return toDeviceRow(await getDeviceDetail(ctx.db, ctx.access.tenantId, created.sourceEurid));
    }),

  delete: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/devices/{sourceEurid}", tags, summary: "Remove a device and its history" } })
    .input(eurid)
    .output(z.object({ id: z.string(), sourceEurid: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await deleteDevice(ctx.db, ctx.access.tenantId, input.sourceEurid);
      await devicesChanged(ctx.services, ctx.access.tenantId);
      return removed;
    }),

  tags: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/device-tags", tags, summary: "Tags in use" } })
    .input(z.object({}).optional())
    .output(z.array(z.string()))
    .query(({ ctx }) => listDeviceTags(ctx.db, ctx.access.tenantId)),

  telemetry: tenantProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/devices/{sourceEurid}/telemetry",
        tags,
        summary: "A device's numbers over a time range, averaged per bucket",
        description: "Keys are the telemetry keys; signal values are \"signal.<key>\" and the RSSI \"meta.rssi\". t is the bucket start in Unix seconds.",
      },
    })
    .input(
      eurid.extend({
        from: dateInput,
        to: dateInput.optional(),
        maxPoints: z.number().int().min(10).max(2000).default(500),
      }),
    )
    .output(
      z.object({
        from: isoDate,
        to: isoDate,
        bucketSeconds: z.number(),
        series: z.record(z.string(), z.array(z.object({ t: z.number(), avg: z.number(), min: z.number(), max: z.number(), count: z.number() }))),
      }),
    )
    .query(async ({ ctx, input }) => {
      const device = await getDeviceDetail(ctx.db, ctx.access.tenantId, input.sourceEurid);
      const from = new Date(input.from);
      const to = input.to ? new Date(input.to) : new Date();
      if (to <= from) throw new TRPCError({ code: "BAD_REQUEST", message: "to must be after from" });
      const result = await telemetrySeries(ctx.db, ctx.access.tenantId, device.id, { from, to, maxPoints: input.maxPoints });
      return { from: from.toISOString(), to: to.toISOString(), ...result };
    }),

  telegrams: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/devices/{sourceEurid}/telegrams", tags, summary: "The last telegrams of a device, with raw data and every gateway that heard them" } })
    .input(eurid.extend({ take: z.number().int().min(1).max(200).default(20) }))
    .output(z.array(telegramSchema))
    .query(async ({ ctx, input }) => {
      const device = await getDeviceDetail(ctx.db, ctx.access.tenantId, input.sourceEurid);
      const rows = await latestTelemetry(ctx.db, ctx.access.tenantId, device.id, input.take);
      return rows.map((r) => ({
        telegramId: r.telegramId,
        time: iso(r.time)!,
        rssi: r.rssi,
        rawData: r.rawData,
        data: asEntries(r.data),
        signal: asEntries(r.signal),
        receptions: toReceptions(r.receptions),
      }));
    }),
});
