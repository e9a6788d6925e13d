import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import { executeSql, type SqlTarget } from "../sql-pool";
import type { Prisma } from "../generated/prisma/client";
import { KIND_PROFILE, normalizeDeviceId, normalizeDeviceIdFor, normalizeEep, normalizeEurid, type DeviceKindName } from "./eurid";

export interface DeviceInput {
  /** ENOCEAN (default), LORAWAN (sourceEurid = DevEUI) or SMALL_DEVICE (sourceEurid = its id) */
  kind?: DeviceKindName;
  sourceEurid: string;
  /** EnOcean devices only; other kinds get their kind's label */
  eep?: string;
  destinationEurid?: string;
  friendlyId?: string;
  location?: string;
  tags?: string[];
  custom?: Record<string, string>;
  active?: boolean;
  isPTM?: boolean;
  aesKey?: string | null;
  slf?: string | null;
  expectedIntervalSec?: number | null;
  /** LoRaWAN: decoder for frm_payload when TTS sent no decoded_payload */
  payloadDecoder?: string | null;
  /** LoRaWAN: The Things Stack application id */
  ttsApplicationId?: string | null;
  /** small device: HMAC-SHA256 key (hex), write-only; null removes it */
  hmacKey?: string | null;
}

/** What the decode worker needs to know about a device (secrets decrypted, in memory only). */
export interface DecodeDevice {
  id: string;
  tenantId: string;
  sourceEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string[];
  active: boolean;
  licensed: boolean;
  isPTM: boolean;
  aesKey?: string;
  slf?: string;
  psk?: string;
}

/** Columns safe to return from any API (no key material). */
export const publicDeviceSelect = {
  id: true,
  tenantId: true,
  kind: true,
  sourceEurid: true,
  destinationEurid: true,
  eep: true,
  friendlyId: true,
  location: true,
  tags: true,
  custom: true,
  active: true,
  isPTM: true,
  expectedIntervalSec: true,
  payloadDecoder: true,
  ttsApplicationId: true,
  licensed: true,
  lastSeenAt: true,
  lastRssi: true,
  lastMessage: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.DeviceSelect;

/** The columns an onboarding writes (key material sealed; every omitted field at its default). */
export function deviceWriteData(box: SecretBox, input: DeviceInput) {
  const kind = input.kind ?? "ENOCEAN";
  return {
    kind,
    eep: kind === "ENOCEAN" ? normalizeEep(input.eep ?? "") : KIND_PROFILE[kind],
    destinationEurid: normalizeEurid(input.destinationEurid ?? "ffffffff"),
    friendlyId: input.friendlyId ?? "",
    location: input.location ?? "",
    tags: input.tags ?? [],
    custom: input.custom ?? {},
    active: input.active ?? true,
    isPTM: input.isPTM ?? false,
    expectedIntervalSec: input.expectedIntervalSec ?? null,
    ...(input.aesKey !== undefined
      ? { aesKeyEnc: input.aesKey ? box.seal(input.aesKey.toLowerCase()) : null }
      : {}),
    ...(input.slf !== undefined ? { slf: input.slf ? input.slf.toLowerCase() : null } : {}),
    ...(input.payloadDecoder !== undefined ? { payloadDecoder: input.payloadDecoder } : {}),
    ...(input.ttsApplicationId !== undefined ? { ttsApplicationId: input.ttsApplicationId } : {}),
    ...(input.hmacKey !== undefined ? { hmacKeyEnc: input.hmacKey ? box.seal(input.hmacKey.toLowerCase()) : null } : {}),
  };
}

export async function upsertDevice(
  db: Db,
  box: SecretBox,
  tenantId: string,
  input: DeviceInput,
) {
  const sourceEurid = normalizeDeviceIdFor(input.kind ?? "ENOCEAN", input.sourceEurid);
  const data = deviceWriteData(box, input);
  return db.device.upsert({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid } },
    create: { tenantId, sourceEurid, ...data },
    update: data,
    select: publicDeviceSelect,
  });
}

export async function listDevices(db: Db, tenantId: string) {
  return db.device.findMany({
    where: { tenantId },
    orderBy: [{ friendlyId: "asc" }, { sourceEurid: "asc" }],
    select: publicDeviceSelect,
  });
}

export async function getDeviceByEurid(db: Db, tenantId: string, eurid: string) {
  return db.device.findUnique({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid: normalizeDeviceId(eurid) } },
    select: publicDeviceSelect,
  });
}

/** Every device of a tenant with its decrypted security settings, for the decode worker's cache. */
export async function loadDecodeDevices(
  db: Db,
  box: SecretBox,
  tenantId: string,
): Promise<DecodeDevice[]> {
  const rows = await db.device.findMany({
    where: { tenantId, kind: "ENOCEAN" },
    select: {
      id: true,
      tenantId: true,
      sourceEurid: true,
      eep: true,
      friendlyId: true,
      location: true,
      tags: true,
      active: true,
      licensed: true,
      isPTM: true,
      aesKeyEnc: true,
      slf: true,
      pskEnc: true,
    },
  });
  return rows.map(({ aesKeyEnc, pskEnc, slf, ...rest }) => ({
    ...rest,
    ...(aesKeyEnc ? { aesKey: box.open(aesKeyEnc) } : {}),
    ...(pskEnc ? { psk: box.open(pskEnc) } : {}),
    ...(slf ? { slf } : {}),
  }));
}

/** Stores the newest output message of each device (one statement for the whole batch). A message
 * older than the one stored is left out: batches written out of order (a retried group, a batch
 * processed again after a crash) never put an older value back. */
export async function recordLatestMessages(
  db: SqlTarget,
  tenantId: string,
  latest: { deviceId: string; message: unknown; seenAt: Date; rssi: number | null }[],
): Promise<void> {
  if (latest.length === 0) return;
  // One statement for the whole batch: a round trip per device was the worker's slowest step. The
  // rows travel as one JSON document (one native stringify; no array literal to escape).
  await executeSql(
    db,
    `UPDATE "Device" AS d
        SET "lastMessage" = u.m, "lastSeenAt" = (u.t::timestamptz AT TIME ZONE 'UTC'), "lastRssi" = u.r, "updatedAt" = (now() AT TIME ZONE 'UTC')
       FROM jsonb_to_recordset($1::jsonb) AS u(id text, m jsonb, t text, r int)
      WHERE d."id" = u.id AND d."tenantId" = $2
        AND (d."lastSeenAt" IS NULL OR d."lastSeenAt" <= (u.t::timestamptz AT TIME ZONE 'UTC'))`,
    [JSON.stringify(latest.map((l) => ({ id: l.deviceId, m: l.message, t: l.seenAt.toISOString(), r: l.rssi }))), tenantId],
  );
}
