import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import { normalizeDeviceId } from "./eurid";

/** A LoRaWAN or small device as the uplink paths need it (keys decrypted, in memory only). */
export interface UplinkDevice {
  id: string;
  tenantId: string;
  kind: "LORAWAN" | "SMALL_DEVICE";
  sourceEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string[];
  active: boolean;
  licensed: boolean;
  payloadDecoder: string | null;
  aesKey?: string;
  hmacKey?: string;
}

const uplinkDeviceSelect = {
  id: true,
  tenantId: true,
  kind: true,
  sourceEurid: true,
  eep: true,
  friendlyId: true,
  location: true,
  tags: true,
  active: true,
  licensed: true,
  payloadDecoder: true,
  aesKeyEnc: true,
  hmacKeyEnc: true,
} as const;

type Row = { kind: string; aesKeyEnc: string | null; hmacKeyEnc: string | null } & Omit<UplinkDevice, "kind" | "aesKey" | "hmacKey">;

function open(box: SecretBox, { aesKeyEnc, hmacKeyEnc, kind, ...rest }: Row): UplinkDevice {
  return {
    ...rest,
    kind: kind as UplinkDevice["kind"],
    ...(aesKeyEnc ? { aesKey: box.open(aesKeyEnc) } : {}),
    ...(hmacKeyEnc ? { hmacKey: box.open(hmacKeyEnc) } : {}),
  };
}

/** Every LoRaWAN and small device of a tenant (the worker's cache). */
export async function loadUplinkDevices(db: Db, box: SecretBox, tenantId: string): Promise<UplinkDevice[]> {
  const rows = await db.device.findMany({ where: { tenantId, kind: { in: ["LORAWAN", "SMALL_DEVICE"] } }, select: uplinkDeviceSelect });
  return rows.map((row) => open(box, row));
}

/** One small device of a tenant, by its id, with its keys; null when there is none. */
export async function findSmallDevice(db: Db, box: SecretBox, tenantId: string, deviceId: string): Promise<UplinkDevice | null> {
  let sourceEurid: string;
  try {
    sourceEurid = normalizeDeviceId(deviceId);
  } catch {
    return null;
  }
  const row = await db.device.findFirst({ where: { tenantId, sourceEurid, kind: "SMALL_DEVICE" }, select: uplinkDeviceSelect });
  return row ? open(box, row) : null;
}

/** Takes a small device's sequence number if it is larger than the last accepted one (atomic:
 * of two requests racing with the same number, one wins). */
export async function acceptSequence(db: Db, tenantId: string, deviceId: string, sequence: number): Promise<boolean> {
  const seq = BigInt(sequence);
  const { count } = await db.device.updateMany({
    where: { id: deviceId, tenantId, OR: [{ lastSequence: null }, { lastSequence: { lt: seq } }] },
    data: { lastSequence: seq },
  });
  return count === 1;
}

/** Puts the last accepted sequence number back when the message it belonged to could not be
 * queued (the device may send it again). */
export async function releaseSequence(db: Db, tenantId: string, deviceId: string, sequence: number, previous: number | null): Promise<void> {
  await db.device.updateMany({
    where: { id: deviceId, tenantId, lastSequence: BigInt(sequence) },
    data: { lastSequence: previous === null ? null : BigInt(previous) },
  });
}

/** The last accepted sequence number of a small device (null: none yet). */
export async function lastSequenceOf(db: Db, tenantId: string, deviceId: string): Promise<number | null> {
  const row = await db.device.findFirst({ where: { id: deviceId, tenantId }, select: { lastSequence: true } });
  return row?.lastSequence == null ? null : Number(row.lastSequence);
}
