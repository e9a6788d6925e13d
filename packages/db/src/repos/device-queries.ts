import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "./data-error";
import { publicDeviceSelect } from "./devices";
import { normalizeDeviceId, type DeviceKindName } from "./eurid";

export const DEVICE_SORT_FIELDS = ["friendlyId", "sourceEurid", "eep", "location", "lastSeenAt", "lastRssi", "createdAt"] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

export interface DeviceQuery {
  /** matches EURID, friendly id, location, EEP (substring, any case) or a tag (exactly) */
  search?: string;
  tag?: string;
  active?: boolean;
  licensed?: boolean;
  /** only devices of this kind */
  kind?: DeviceKindName;
  sort?: DeviceSortField;
  direction?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

/** Columns the table shows, plus whether the device has key material (never the key). */
const tableSelect = { ...publicDeviceSelect, aesKeyEnc: true } satisfies Prisma.DeviceSelect;

function withKeyFlag<T extends { aesKeyEnc: string | null }>(row: T) {
  const { aesKeyEnc, ...rest } = row;
  return { ...rest, secured: aesKeyEnc !== null };
}

function whereOf(tenantId: string, query: DeviceQuery): Prisma.DeviceWhereInput {
  const search = query.search?.trim();
  const conditions: Prisma.DeviceWhereInput[] = [{ tenantId }];
  if (query.kind) conditions.push({ kind: query.kind });
  if (search) {
    const hex = search.toLowerCase().replace(/[\s:.-]/g, "").replace(/^0x/, "");
    conditions.push({
      OR: [
        { friendlyId: { contains: search, mode: "insensitive" } },
        { location: { contains: search, mode: "insensitive" } },
        { eep: { contains: search, mode: "insensitive" } },
        ...(/^[0-9a-f]+$/.test(hex) ? [{ sourceEurid: { contains: hex } }] : []),
        // small devices' ids are not hex
        ...(/^[a-z0-9_.-]+$/i.test(search) && !/^[0-9a-f]+$/i.test(search) ? [{ sourceEurid: { contains: search.toLowerCase() } }] : []),
        { tags: { has: search } },
      ],
    });
  }
  if (query.tag) conditions.push({ tags: { has: query.tag } });
  if (query.active !== undefined) conditions.push({ active: query.active });
  if (query.licensed !== undefined) conditions.push({ licensed: query.licensed });
  return { AND: conditions };
}

/** One page of the tenant's devices, searched and sorted in the database (the table stays fast
 * with tens of thousands of devices: only the page travels). */
export async function queryDevices(db: Db, tenantId: string, query: DeviceQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const sort = query.sort ?? "friendlyId";
  const direction = query.direction ?? "asc";
  const where = whereOf(tenantId, query);
  // Devices never heard sort after the ones that were, whichever the direction.
  const primary: Prisma.DeviceOrderByWithRelationInput =
    sort === "lastSeenAt" || sort === "lastRssi"
      ? { [sort]: { sort: direction, nulls: "last" } }
      : { [sort]: direction };
  const [total, rows] = await Promise.all([
    db.device.count({ where }),
    db.device.findMany({
      where,
      orderBy: [primary, { sourceEurid: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: tableSelect,
    }),
  ]);
  return { total, page, pageSize, rows: rows.map(withKeyFlag) };
}

/** One device with its statistics and security state (whether a key is set, never the key). */
export async function getDeviceDetail(db: Db, tenantId: string, eurid: string) {
  const row = await db.device.findUnique({
    where: { tenantId_sourceEurid: { tenantId, sourceEurid: normalizeDeviceId(eurid) } },
    select: { ...tableSelect, slf: true, stats: true, lastSequence: true, hmacKeyEnc: true },
  });
  if (!row) throw notFound(`device ${normalizeDeviceId(eurid)}`);
  const { hmacKeyEnc, lastSequence, ...rest } = row;
  return { ...withKeyFlag(rest), hmacKeySet: hmacKeyEnc !== null, lastSequence: lastSequence === null ? null : Number(lastSequence) };
}

/** The tags in use by the tenant's devices, for filters and pickers. */
export async function listDeviceTags(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest(tags) AS tag FROM "Device" WHERE "tenantId" = ${tenantId} ORDER BY tag LIMIT 500`;
  return rows.map((r) => r.tag);
}
