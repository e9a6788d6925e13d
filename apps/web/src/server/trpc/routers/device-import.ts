import "server-only";
import { randomUUID } from "node:crypto";
import { redisKey } from "@tidewire/config";
import { existingEurids, queryDevices, replaceDevices, tenantLimits, upsertDevices } from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { IOTC_API_VERSION, toIotcDevice } from "../../iotc/iotc-device";
import { IMPORT_FORMATS, ImportFileError, parseDeviceImport, type ParsedImport } from "../../onboarding/device-import";
import { devicesChanged } from "../../tenant-changes";
import type { Context } from "../context";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";

const tags = ["Device import"];
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const STASH_SECONDS = 3600;

// An import is checked once (dry run), then written in chunks so large files show progress. The
// file waits between the steps in Redis, sealed (it may hold AES keys), for an hour.
const stashKey = (ctx: Context, tenantId: string, importId: string) => redisKey(ctx.services.config.REDIS_PREFIX, "device-import", tenantId, importId);

function parse(format: (typeof IMPORT_FORMATS)[number], content: string): ParsedImport {
  try {
    return parseDeviceImport(format, content);
  } catch (error) {
    if (error instanceof ImportFileError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    throw error;
  }
}

const rowReportSchema = z.object({
  index: z.number(),
  line: z.number().nullable(),
  sourceEurid: z.string().nullable(),
  action: z.enum(["create", "update", "invalid"]),
  problems: z.array(z.string()),
  /** what the row onboards, without key material */
  device: z
    .object({ kind: z.string(), eep: z.string(), friendlyId: z.string(), location: z.string(), tags: z.array(z.string()), active: z.boolean(), secured: z.boolean() })
    .nullable(),
});

export const deviceImportRouter = router({
  preview: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/import/preview",
        tags,
        summary: "Dry run: check an import file and list every row's problem; nothing is written",
        description: "format csv (header with sourceEurid and eep columns) or iotc-backup (IoTC's GET /backup file). Answers an importId for /devices/import.",
      },
    })
    .input(z.object({ format: z.enum(IMPORT_FORMATS), content: z.string().min(1).max(MAX_FILE_BYTES) }))
    .output(
      z.object({
        importId: z.string(),
        summary: z.object({ total: z.number(), valid: z.number(), invalid: z.number(), create: z.number(), update: z.number() }),
        notes: z.array(z.string()),
        license: z.object({ maxDevices: z.number(), devicesAfterImport: z.number(), overLimit: z.number() }),
        rows: z.array(rowReportSchema),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const tenantId = ctx.access.tenantId;
      const parsed = parse(input.format, input.content);
      const eurids = parsed.rows.flatMap((r) => (r.device ? [r.device.sourceEurid] : []));
      const existing = await existingEurids(ctx.db, tenantId, eurids);
      const rows = parsed.rows.map((r) => ({
        index: r.index,
        line: r.line,
        sourceEurid: r.sourceEurid,
        problems: r.problems,
        action: (r.device ? (existing.has(r.device.sourceEurid) ? "update" : "create") : "invalid") as "create" | "update" | "invalid",
        device: r.device
          ? {
              kind: r.device.kind ?? "ENOCEAN",
              eep: r.device.eep ?? (r.device.kind === "LORAWAN" ? "LORAWAN" : r.device.kind === "SMALL_DEVICE" ? "SMALL-DEVICE" : ""),
              friendlyId: r.device.friendlyId ?? "",
              location: r.device.location ?? "",
              tags: r.device.tags ?? [],
              active: r.device.active ?? true,
              secured: Boolean(r.device.aesKey),
            }
          : null,
      }));
      const create = rows.filter((r) => r.action === "create").length;
      const update = rows.filter((r) => r.action === "update").length;
      const limits = await tenantLimits(ctx.db, tenantId, ctx.services.license.publicKey);
      const devicesAfterImport = (await ctx.db.device.count({ where: { tenantId } })) + create;
      const importId = randomUUID();
      await ctx.services.redis.set(
        stashKey(ctx, tenantId, importId),
        ctx.box.sealJson({ format: input.format, content: input.content }),
        "EX",
        STASH_SECONDS,
      );
      return {
        importId,
        summary: { total: rows.length, valid: create + update, invalid: rows.length - create - update, create, update },
        notes: parsed.notes,
        license: { maxDevices: limits.maxDevices, devicesAfterImport, overLimit: Math.max(0, devicesAfterImport - limits.maxDevices) },
        rows,
      };
    }),

  write: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/import",
        tags,
        summary: "Write a checked import, one chunk of rows at a time",
        description: "Rows [from, to) of the file checked by /devices/import/preview. Refused while the file has problems, unless skipInvalid.",
      },
    })
    .input(
      z.object({
        importId: z.string().uuid(),
        from: z.number().int().min(0).default(0),
        to: z.number().int().min(1).optional(),
        skipInvalid: z.boolean().default(false),
      }),
    )
    .output(z.object({ created: z.number(), updated: z.number(), skipped: z.number(), total: z.number(), done: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const tenantId = ctx.access.tenantId;
      const sealed = await ctx.services.redis.get(stashKey(ctx, tenantId, input.importId));
      if (!sealed) throw new TRPCError({ code: "NOT_FOUND", message: "this import is unknown or older than an hour; run the dry run again" });
      const file = ctx.box.openJson<{ format: (typeof IMPORT_FORMATS)[number]; content: string }>(sealed);
      const parsed = parse(file.format, file.content);
      const invalid = parsed.rows.filter((r) => !r.device);
      if (invalid.length && !input.skipInvalid) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `${invalid.length} row(s) have problems; fix the file or import with skipInvalid` });
      }
      const to = Math.min(input.to ?? parsed.rows.length, parsed.rows.length);
      const chunk = parsed.rows.slice(input.from, to);
      const devices = chunk.flatMap((r) => (r.device ? [r.device] : []));
      const result = await upsertDevices(ctx.db, ctx.box, tenantId, devices);
      await devicesChanged(ctx.services, tenantId);
      const done = to >= parsed.rows.length;
      if (done) await ctx.services.redis.del(stashKey(ctx, tenantId, input.importId));
      return { ...result, skipped: chunk.length - devices.length, total: parsed.rows.length, done };
    }),

  backup: tenantProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/devices/backup",
        tags,
        summary: "Every EnOcean device in IoTC's backup format",
        description: "AES keys are write-only and never exported; restoring a backup keeps the keys devices already have.",
      },
    })
    .input(z.object({}).optional())
    .output(
      z.object({
        APIVersion: z.string(),
        APPVersion: z.string(),
        ExportDate: z.string(),
        Connections: z.array(
          z.object({
            sourceEurid: z.string(),
            destinationEurid: z.string(),
            eep: z.string(),
            friendlyID: z.string(),
            location: z.string(),
            activeFlag: z.string(),
            isPTM: z.string(),
            customTag: z.string(),
            secured: z.string().optional(),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const devices = [];
      for (let page = 1; ; page++) {
        // IoTC's format is for EnOcean devices; LoRaWAN and small devices are not in it.
        const result = await queryDevices(ctx.db, ctx.access.tenantId, { kind: "ENOCEAN", sort: "sourceEurid", page, pageSize: 500 });
        devices.push(...result.rows);
        if (devices.length >= result.total || result.rows.length === 0) break;
      }
      return { APIVersion: IOTC_API_VERSION, APPVersion: "0.1.0", ExportDate: new Date().toISOString(), Connections: devices.map(toIotcDevice) };
    }),

  restoreBackup: tenantWriteProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/backup",
        tags,
        summary: "Restore an IoTC backup: replace the device list (mode replace, IoTC's POST) or add to it (mode merge, IoTC's PATCH)",
        description: "All or nothing: when a device in the file has a problem, nothing is written and every problem is listed.",
      },
    })
    .input(z.object({ backup: z.unknown(), mode: z.enum(["replace", "merge"]).default("replace") }))
    .output(z.object({ created: z.number(), updated: z.number(), removed: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const parsed = parse("iotc-backup", JSON.stringify(input.backup ?? null));
      const problems = parsed.rows.flatMap((r) => r.problems.map((p) => `device ${r.index + 1}${r.sourceEurid ? ` (${r.sourceEurid})` : ""}: ${p}`));
      if (problems.length) throw new TRPCError({ code: "BAD_REQUEST", message: `the backup was not restored: ${problems.join("; ")}` });
      const devices = parsed.rows.flatMap((r) => (r.device ? [r.device] : []));
      const result =
        input.mode === "replace"
          ? await replaceDevices(ctx.db, ctx.box, ctx.access.tenantId, devices)
          : { ...(await upsertDevices(ctx.db, ctx.box, ctx.access.tenantId, devices)), removed: 0 };
      await devicesChanged(ctx.services, ctx.access.tenantId);
      return result;
    }),
});
