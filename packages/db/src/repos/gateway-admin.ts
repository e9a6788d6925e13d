import type { Db } from "../client";
import { notFound } from "./data-error";

export async function getGateway(db: Db, tenantId: string, id: string) {
  const gateway = await db.gateway.findFirst({
    where: { id, tenantId },
    include: { stats: true, credential: { select: { id: true, name: true, kind: true } } },
  });
  if (!gateway) throw notFound("gateway");
  return gateway;
}

export async function renameGateway(db: Db, tenantId: string, id: string, name: string) {
  const { count } = await db.gateway.updateMany({ where: { id, tenantId }, data: { name } });
  if (count === 0) throw notFound("gateway");
  return getGateway(db, tenantId, id);
}

/** Forgets a gateway (it comes back when it connects again). */
export async function deleteGateway(db: Db, tenantId: string, id: string) {
  const { count } = await db.gateway.deleteMany({ where: { id, tenantId } });
  if (count === 0) throw notFound("gateway");
  return { id };
}
