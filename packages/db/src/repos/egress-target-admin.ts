import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import type { EgressKind, PayloadFormat, Prisma } from "../generated/prisma/client";
import { DataError, notFound } from "./data-error";

/** Columns safe to return: everything but the sealed secrets and connector state. */
const publicTargetSelect = {
  id: true,
  tenantId: true,
  kind: true,
  name: true,
  enabled: true,
  config: true,
  filters: true,
  payloadFormat: true,
  status: true,
  lastError: true,
  lastErrorAt: true,
  lastSuccessAt: true,
  delivered: true,
  failed: true,
  retried: true,
  deadLettered: true,
  createdAt: true,
  updatedAt: true,
  secretsEnc: true,
} satisfies Prisma.EgressTargetSelect;

type TargetRow = Prisma.EgressTargetGetPayload<{ select: typeof publicTargetSelect }>;

/** Secrets are write-only: callers learn which secret fields are set, never their values. */
function withSecretNames(box: SecretBox, row: TargetRow) {
  const { secretsEnc, ...rest } = row;
  let secretFields: string[] = [];
  if (secretsEnc) {
    try {
      secretFields = Object.keys(box.openJson<Record<string, unknown>>(secretsEnc)).sort();
    } catch {
      secretFields = ["(unreadable with this master key)"];
    }
  }
  return { ...rest, secretFields };
}

export interface TargetInput {
  kind: EgressKind;
  name: string;
  enabled?: boolean;
  config: Record<string, unknown>;
  /** secret settings; on update, a field given replaces it, a field set to null removes it,
   * a field left out keeps its value */
  secrets?: Record<string, string | null>;
  filters?: { tags?: string[]; eeps?: string[]; devices?: string[] };
  payloadFormat?: PayloadFormat;
}

function mergeSecrets(box: SecretBox, sealed: string | null, changes: Record<string, string | null> | undefined): string | null {
  const current = sealed ? box.openJson<Record<string, string>>(sealed) : {};
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === null || v === "") delete current[k];
    else current[k] = v;
  }
  return Object.keys(current).length ? box.sealJson(current) : null;
}

export async function listTargets(db: Db, box: SecretBox, tenantId: string) {
  const rows = await db.egressTarget.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, select: publicTargetSelect });
  return rows.map((r) => withSecretNames(box, r));
}

export async function getTarget(db: Db, box: SecretBox, tenantId: string, id: string) {
  const row = await db.egressTarget.findFirst({ where: { id, tenantId }, select: publicTargetSelect });
  if (!row) throw notFound("egress target");
  return withSecretNames(box, row);
}

/** The target with its secrets opened, for connecting to it (test connection). Never returned
 * by an API. */
export async function loadTargetForConnection(db: Db, box: SecretBox, tenantId: string, id: string) {
  const row = await db.egressTarget.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("egress target");
  return { ...row, secrets: row.secretsEnc ? box.openJson<Record<string, string>>(row.secretsEnc) : {} };
}

export async function createTarget(db: Db, box: SecretBox, tenantId: string, input: TargetInput) {
  const row = await db.egressTarget.create({
    data: {
      tenantId,
      kind: input.kind,
      name: input.name,
      enabled: input.enabled ?? true,
      status: input.enabled === false ? "DISABLED" : "UNKNOWN",
      config: input.config as Prisma.InputJsonValue,
      filters: (input.filters ?? {}) as Prisma.InputJsonValue,
      payloadFormat: input.payloadFormat ?? "IOTC",
      secretsEnc: mergeSecrets(box, null, input.secrets),
    },
    select: publicTargetSelect,
  });
  return withSecretNames(box, row);
}

export async function updateTarget(db: Db, box: SecretBox, tenantId: string, id: string, input: Partial<Omit<TargetInput, "kind">>) {
  const existing = await db.egressTarget.findFirst({ where: { id, tenantId }, select: { secretsEnc: true, enabled: true } });
  if (!existing) throw notFound("egress target");
  const row = await db.egressTarget.update({
    where: { id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.config !== undefined ? { config: input.config as Prisma.InputJsonValue } : {}),
      ...(input.filters !== undefined ? { filters: input.filters as Prisma.InputJsonValue } : {}),
      ...(input.payloadFormat !== undefined ? { payloadFormat: input.payloadFormat } : {}),
      ...(input.secrets !== undefined ? { secretsEnc: mergeSecrets(box, existing.secretsEnc, input.secrets) } : {}),
      ...(input.enabled !== undefined && input.enabled !== existing.enabled
        ? { enabled: input.enabled, status: input.enabled ? "UNKNOWN" : "DISABLED" }
        : {}),
    },
    select: publicTargetSelect,
  });
  return withSecretNames(box, row);
}

export async function deleteTarget(db: Db, tenantId: string, id: string) {
  const { count } = await db.egressTarget.deleteMany({ where: { id, tenantId } });
  if (count === 0) throw notFound("egress target");
  return { id };
}

export async function listDeadLetters(db: Db, tenantId: string, targetId: string, options: { includeReplayed?: boolean; take?: number } = {}) {
  const target = await db.egressTarget.findFirst({ where: { id: targetId, tenantId }, select: { id: true } });
  if (!target) throw notFound("egress target");
  const where = { tenantId, targetId, ...(options.includeReplayed ? {} : { replayedAt: null }) };
  const [total, rows] = await Promise.all([
    db.deadLetter.count({ where }),
    db.deadLetter.findMany({ where, orderBy: { createdAt: "desc" }, take: Math.min(options.take ?? 100, 1000) }),
  ]);
  return { total, rows };
}

/** The dead letters to put back on the target's queue (all pending ones, or the given ids). */
export async function deadLettersForReplay(db: Db, tenantId: string, targetId: string, ids?: string[]) {
  const target = await db.egressTarget.findFirst({ where: { id: targetId, tenantId }, select: { id: true, enabled: true } });
  if (!target) throw notFound("egress target");
  if (!target.enabled) throw new DataError("CONFLICT", "enable the target before replaying its dead letters");
  return db.deadLetter.findMany({
    where: { tenantId, targetId, replayedAt: null, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { createdAt: "asc" },
    take: 10_000,
  });
}

export async function markDeadLettersReplayed(db: Db, tenantId: string, ids: string[], at: Date = new Date()) {
  if (ids.length === 0) return 0;
  const { count } = await db.deadLetter.updateMany({ where: { tenantId, id: { in: ids }, replayedAt: null }, data: { replayedAt: at } });
  return count;
}
