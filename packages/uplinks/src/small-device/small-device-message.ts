import { createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { UplinkError } from "../uplink-error";

const base64 = z.string().max(8192).regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");

/** What a small device posts: IV and ciphertext (AES-128-CBC, PKCS#7), base64; `mac` is the
 * optional HMAC-SHA256 over IV‖ciphertext, base64. */
export const smallDeviceEnvelopeSchema = z.object({ iv: base64, ct: base64, mac: base64.optional() });
export type SmallDeviceEnvelope = z.infer<typeof smallDeviceEnvelopeSchema>;

export interface SmallDeviceKeys {
  /** AES-128 key, 32 hex digits */
  aesKey: string;
  /** HMAC-SHA256 key, hex; when set, every message must carry a valid `mac` */
  hmacKey?: string | undefined;
}

export interface SmallDeviceReading {
  /** the message's sequence number (SEQN): must be larger than the last accepted one */
  sequence: number;
  /** the decrypted JSON object */
  json: Record<string, unknown>;
  /** the readings: the object's `data` member when it has one, otherwise its other members */
  data: Record<string, unknown>;
  /** true when the plaintext was base64 of the JSON (the seed device's quirk) */
  base64Wrapped: boolean;
}

function parseEnvelope(body: unknown): SmallDeviceEnvelope {
  const parsed = smallDeviceEnvelopeSchema.safeParse(body);
  if (!parsed.success) throw new UplinkError("BAD_ENVELOPE", `expected {"iv","ct"} in base64: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** HMAC-SHA256 over IV‖ciphertext (what a device computes for `mac`). */
export function smallDeviceMac(hmacKeyHex: string, iv: Buffer, ct: Buffer): Buffer {
  return createHmac("sha256", Buffer.from(hmacKeyHex, "hex")).update(iv).update(ct).digest();
}

function checkMac(keys: SmallDeviceKeys, envelope: SmallDeviceEnvelope, iv: Buffer, ct: Buffer) {
  if (!keys.hmacKey) return;
  if (!envelope.mac) throw new UplinkError("BAD_MAC", "this device must send a mac (HMAC-SHA256 over iv‖ct)");
  const expected = smallDeviceMac(keys.hmacKey, iv, ct);
  const given = Buffer.from(envelope.mac, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UplinkError("BAD_MAC", "the mac does not match");
}

function decrypt(aesKeyHex: string, iv: Buffer, ct: Buffer): Buffer {
  const key = Buffer.from(aesKeyHex, "hex");
  if (key.length !== 16) throw new UplinkError("BAD_KEY", "the device's AES key is not 16 bytes");
  try {
    const decipher = createDecipheriv("aes-128-cbc", key, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new UplinkError("UNDECRYPTABLE", "the message does not decrypt with the device's key (bad padding)");
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The plaintext is JSON, or (the seed ESP8266's quirk) base64 of the JSON. */
function plaintextJson(plain: Buffer): { json: Record<string, unknown>; base64Wrapped: boolean } {
  const text = plain.toString("utf8");
  const direct = jsonObject(text);
  if (direct) return { json: direct, base64Wrapped: false };
  const trimmed = text.trim();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    const unwrapped = jsonObject(Buffer.from(trimmed, "base64").toString("utf8"));
    if (unwrapped) return { json: unwrapped, base64Wrapped: true };
  }
  throw new UplinkError("BAD_PLAINTEXT", "the decrypted message is neither JSON nor base64 of JSON");
}

/** Checks (optional MAC), decrypts and reads one small-device message. Nothing here knows the
 * last accepted sequence number: the caller compares and stores it. */
export function openSmallDeviceMessage(body: unknown, keys: SmallDeviceKeys): SmallDeviceReading {
  const envelope = parseEnvelope(body);
  const iv = Buffer.from(envelope.iv, "base64");
  const ct = Buffer.from(envelope.ct, "base64");
  if (iv.length !== 16) throw new UplinkError("BAD_ENVELOPE", `iv must be 16 bytes, got ${iv.length}`);
  if (ct.length === 0 || ct.length % 16 !== 0) throw new UplinkError("BAD_ENVELOPE", "ct must be a non-empty multiple of 16 bytes");
  checkMac(keys, envelope, iv, ct);
  const { json, base64Wrapped } = plaintextJson(decrypt(keys.aesKey, iv, ct));
  const sequence = json.SEQN ?? json.seqn ?? json.seq;
  if (typeof sequence !== "number" || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw new UplinkError("BAD_PLAINTEXT", "the message has no sequence number (SEQN, a non-negative integer)");
  }
  const { SEQN: _s, seqn: _n, seq: _q, ...rest } = json;
  const data = json.data !== null && typeof json.data === "object" && !Array.isArray(json.data) ? (json.data as Record<string, unknown>) : rest;
  return { sequence, json, data, base64Wrapped };
}
