import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { querySql, type SqlTarget } from "../sql-pool";

export type DeadLetterReason = "MAX_AGE" | "MAX_ATTEMPTS" | "OVERFLOW" | "HELD" | "REJECTED";

export interface NewDeadLetter {
  /** the delivery batch as it was queued */
  payload: unknown;
  error: string;
  attempts: number;
  reason: DeadLetterReason;
  /** source EURIDs of the batch's messages */
  devices: string[];
}

/** Stores a batch that could not be delivered and counts it on the target. Dead letters of a
 * target are written by its one active delivery job at a time, so `sequence` is their order. */
export async function insertDeadLetter(db: Db, tenantId: string, targetId: string, letter: NewDeadLetter) {
  const [row] = await db.$transaction([
    db.deadLetter.create({
      data: {
        tenantId,
        targetId,
        payload: letter.payload as Prisma.InputJsonValue,
        error: letter.error.slice(0, 1000),
        attempts: letter.attempts,
        reason: letter.reason,
        devices: [...new Set(letter.devices)],
      },
      select: { id: true, sequence: true },
    }),
    db.egressTarget.updateMany({
      where: { id: targetId, tenantId },
      data: { deadLettered: { increment: 1 }, ...(letter.reason === "OVERFLOW" ? { overflowed: { increment: 1 } } : {}) },
    }),
  ]);
  return row;
}

/** Which of these devices have dead letters on the target (their later messages are held). */
export async function devicesWithDeadLetters(db: SqlTarget, tenantId: string, targetId: string, devices: string[]): Promise<Set<string>> {
  if (devices.length === 0) return new Set();
  // Plain SQL: asked before every delivery batch, so it runs on the worker's pg pool.
  const rows = await querySql<{ devices: string[] }>(
    db,
    `SELECT "devices" FROM "DeadLetter" WHERE "tenantId" = $1 AND "targetId" = $2 AND "devices" && $3::text[]`,
    [tenantId, targetId, devices],
  );
  const wanted = new Set(devices);
  return new Set(rows.flatMap((r) => r.devices).filter((d) => wanted.has(d)));
}

/** A page of a target's dead letters, oldest first, without their payloads' messages expanded. */
export async function listTargetDeadLetters(
  db: Db,
  tenantId: string,
  targetId: string,
  options: { take?: number; afterSequence?: bigint } = {},
) {
  const where = { tenantId, targetId, ...(options.afterSequence !== undefined ? { sequence: { gt: options.afterSequence } } : {}) };
  const [total, rows] = await Promise.all([
    db.deadLetter.count({ where: { tenantId, targetId } }),
    db.deadLetter.findMany({
      where,
      orderBy: { sequence: "asc" },
      take: Math.min(Math.max(options.take ?? 100, 1), 1000),
      select: { id: true, sequence: true, createdAt: true, error: true, attempts: true, reason: true, devices: true, payload: true },
    }),
  ]);
  return { total, rows };
}

/** The next dead letters to replay, in the order they were dead-lettered. */
export async function nextDeadLettersInOrder(db: Db, tenantId: string, targetId: string, take: number, ids?: string[]) {
  return db.deadLetter.findMany({
    where: { tenantId, targetId, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { sequence: "asc" },
    take,
    select: { id: true, sequence: true, payload: true, attempts: true, devices: true },
  });
}

export async function deleteDeadLetters(db: Db, tenantId: string, targetId: string, ids?: string[]): Promise<number> {
  const { count } = await db.deadLetter.deleteMany({ where: { tenantId, targetId, ...(ids ? { id: { in: ids } } : {}) } });
  return count;
}

export async function countDeadLetters(db: Db, tenantId: string, targetId: string): Promise<number> {
  return db.deadLetter.count({ where: { tenantId, targetId } });
}
