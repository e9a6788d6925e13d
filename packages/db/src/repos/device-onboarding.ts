import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import { Prisma } from "../generated/prisma/client";
import { DataError, notFound } from "./data-error";
import { deviceWriteData, publicDeviceSelect, upsertDevice, type DeviceInput } from "./devices";
import { normalizeDeviceId, normalizeDeviceIdFor, normalizeEep, normalizeEurid } from "./eurid";
import { deleteDevicesHistory } from "./telemetry-history";

/** Onboards one device; refuses an EURID the tenant already has (the form says so plainly). */
export async function createDevice(db: Db, box: SecretBox, tenantId: string, input: DeviceInput) {
  const sourceEurid = normalizeDeviceIdFor(input.kind ?? "ENOCEAN", input.sourceEurid);
  const existing = await db.device.findUnique({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid } },
    select: { id: true },
  });
  if (existing) throw new DataError("CONFLICT", `device ${sourceEurid} is already onboarded`);
  try {
    return await upsertDevice(db, box, tenantId, { ...input, sourceEurid });
  } catch (error) {
    // Two requests racing for the same EURID: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DataError("CONFLICT", `device ${sourceEurid} is already onboarded`);
    }
    throw error;
  }
}

/** Fields of an onboarded device that can change; undefined leaves a field as it is. The AES
 * key is write-only: a string replaces it, null removes it. */
export type DevicePatch = Partial<Omit<DeviceInput, "sourceEurid" | "kind">>;

export async function updateDevice(db: Db, box: SecretBox, tenantId: string, eurid: string, patch: DevicePatch) {
  const sourceEurid = normalizeDeviceId(eurid);
  const current = await db.device.findUnique({ where: { tenantId_sourceEurid: { tenantId, sourceEurid } }, select: { kind: true } });
  if (!current) throw notFound(`device ${sourceEurid}`);
  const data: Prisma.DeviceUpdateInput = {
    ...(patch.eep !== undefined && current.kind === "ENOCEAN" ? { eep: normalizeEep(patch.eep) } : {}),
    ...(patch.destinationEurid !== undefined ? { destinationEurid: normalizeEurid(patch.destinationEurid) } : {}),
    ...(patch.friendlyId !== undefined ? { friendlyId: patch.friendlyId } : {}),
    ...(patch.location !== undefined ? { location: patch.location } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.custom !== undefined ? { custom: patch.custom } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.isPTM !== undefined ? { isPTM: patch.isPTM } : {}),
    ...(patch.expectedIntervalSec !== undefined ? { expectedIntervalSec: patch.expectedIntervalSec } : {}),
    ...(patch.aesKey !== undefined ? { aesKeyEnc: patch.aesKey ? box.seal(patch.aesKey.toLowerCase()) : null } : {}),
    ...(patch.slf !== undefined ? { slf: patch.slf ? patch.slf.toLowerCase() : null } : {}),
    ...(patch.payloadDecoder !== undefined ? { payloadDecoder: patch.payloadDecoder } : {}),
    ...(patch.ttsApplicationId !== undefined ? { ttsApplicationId: patch.ttsApplicationId } : {}),
    ...(patch.hmacKey !== undefined ? { hmacKeyEnc: patch.hmacKey ? box.seal(patch.hmacKey.toLowerCase()) : null } : {}),
  };
  const { count } = await db.device.updateMany({ where: { tenantId, sourceEurid }, data: data as Prisma.DeviceUpdateManyMutationInput });
  if (count === 0) throw notFound(`device ${sourceEurid}`);
  return db.device.findUniqueOrThrow({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid } },
    select: publicDeviceSelect,
  });
}

export async function deleteDevice(db: Db, tenantId: string, eurid: string): Promise<{ id: string; sourceEurid: string }> {
  const sourceEurid = normalizeDeviceId(eurid);
  const device = await db.device.findUnique({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid } },
    select: { id: true },
  });
  if (!device) throw notFound(`device ${sourceEurid}`);
  await db.$transaction(async (tx) => {
    await deleteDevicesHistory(tx, tenantId, [device.id]);
    await tx.device.deleteMany({ where: { id: device.id, tenantId } });
  });
  return { id: device.id, sourceEurid };
}

/** Onboards or updates many devices at once (bulk import): new devices in one multi-row
 * insert, existing ones updated row by row, all in one transaction so a chunk is written
 * completely or not at all. */
export async function upsertDevices(db: Db, box: SecretBox, tenantId: string, inputs: DeviceInput[]) {
  if (inputs.length === 0) return { created: 0, updated: 0 };
  // A file that lists an EURID twice: the later row wins, as it would row by row.
  const byEurid = new Map(inputs.map((input) => [normalizeDeviceIdFor(input.kind ?? "ENOCEAN", input.sourceEurid), input]));
  const rows = [...byEurid].map(([sourceEurid, input]) => ({ sourceEurid, data: deviceWriteData(box, input) }));
  const existing = await existingEurids(db, tenantId, rows.map((r) => r.sourceEurid));
  const fresh = rows.filter((r) => !existing.has(r.sourceEurid));
  const known = rows.filter((r) => existing.has(r.sourceEurid));
  await db.$transaction(
    async (tx) => {
      if (fresh.length) {
        await tx.device.createMany({ data: fresh.map((r) => ({ tenantId, sourceEurid: r.sourceEurid, ...r.data })) });
      }
      for (const r of known) {
        await tx.device.updateMany({ where: { tenantId, sourceEurid: r.sourceEurid }, data: r.data });
      }
    },
    { timeout: 120_000 },
  );
  return { created: fresh.length, updated: known.length };
}

/** IoTC's POST /backup: the tenant's devices become exactly the given list (devices not in it
 * are removed). A device listed without an AES key keeps the key it has, because backups never
 * contain keys. */
export async function replaceDevices(db: Db, box: SecretBox, tenantId: string, inputs: DeviceInput[]) {
  const keep = inputs.map((i) => normalizeDeviceIdFor(i.kind ?? "ENOCEAN", i.sourceEurid));
  // IoTC backups hold EnOcean devices only: LoRaWAN and small devices stay.
  const gone = { tenantId, kind: "ENOCEAN" as const, sourceEurid: { notIn: keep } };
  const removed = await db.$transaction(
    async (tx) => {
      const ids = (await tx.device.findMany({ where: gone, select: { id: true } })).map((d) => d.id);
      await deleteDevicesHistory(tx, tenantId, ids);
      return tx.device.deleteMany({ where: { id: { in: ids }, tenantId } });
    },
    { timeout: 120_000 },
  );
  const result = await upsertDevices(
    db,
    box,
    tenantId,
    inputs.map((i) => (i.aesKey ? i : { ...i, aesKey: undefined, slf: i.slf ?? undefined })),
  );
  return { ...result, removed: removed.count };
}

/** Which of these EURIDs the tenant has already onboarded (dry runs say "will be updated"). */
export async function existingEurids(db: Db, tenantId: string, eurids: string[]): Promise<Set<string>> {
  if (eurids.length === 0) return new Set();
  const rows = await db.device.findMany({
    where: { tenantId, sourceEurid: { in: eurids } },
    select: { sourceEurid: true },
  });
  return new Set(rows.map((r) => r.sourceEurid));
}
