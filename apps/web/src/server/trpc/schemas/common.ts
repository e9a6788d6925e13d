import { normalizeDeviceId } from "@tidewire/db";
import { z } from "zod";
import { supportedProfile } from "../../profiles/profile-catalog";

/** An EURID as people paste it ("05:1B:03:C9", "0x051b03c9"), stored as 8 lower-case hex digits. */
export const euridSchema = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase().replace(/^0x/, "").replace(/[\s:.-]/g, ""))
  .pipe(z.string().regex(/^[0-9a-f]{1,8}$/, "an EURID is up to 8 hex digits, e.g. 051b03c9"))
  .transform((v) => v.padStart(8, "0"));

/** Any device's id in a path or filter: an EURID (padded to 8 hex digits), a LoRaWAN DevEUI (16
 * hex digits) or a small device's id, all lower case. */
export const deviceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((v) => {
    try {
      normalizeDeviceId(v);
      return true;
    } catch {
      return false;
    }
  }, "a device id is an EURID (8 hex digits), a DevEUI (16 hex digits) or a small device's id (letters, digits, _ - .)")
  .transform((v) => normalizeDeviceId(v))
  .describe("EURID, DevEUI or small-device id");

/** An EEP code the decoder supports, in its canonical spelling ("a5-09-09" → "A5-09-09"). */
export const eepSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase().replace(/[_ ]/g, "-"))
  .pipe(z.string().regex(/^[0-9A-F]{2}-?[0-9A-F]{2}-?[0-9A-F]{2}$/, "an EEP looks like A5-09-09"))
  .transform((v) => (v.includes("-") ? v : `${v.slice(0, 2)}-${v.slice(2, 4)}-${v.slice(4, 6)}`))
  .refine((v) => supportedProfile(v) !== undefined, { message: "this EEP is not supported (see GET /api/v1/profiles)" });

export const aesKeySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, "an AES-128 key is 32 hex digits")
  .transform((v) => v.toLowerCase());

export const slfSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{2}$/, "the SLF is one byte, 2 hex digits (e.g. f3)")
  .transform((v) => v.toLowerCase());

export const tagSchema = z.string().trim().min(1).max(40).regex(/^[^,;]+$/, "tags cannot contain , or ;");

export const isoDate = z.string().describe("ISO 8601 date-time");
export const nullableIsoDate = isoDate.nullable();
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);


export const okSchema = z.object({ ok: z.literal(true) });

/** A moment as REST clients write it ("2026-03-01", "2026-03-01T10:00:00Z"). */
export const dateInput = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: "expected a date, e.g. 2026-03-01T00:00:00Z" })
  .describe("ISO 8601 date or date-time");
