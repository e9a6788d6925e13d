import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { channels } from "@tidewire/config";
import { countDeadLetters, type Db, type Prisma, type SecretBox } from "@tidewire/db";
import { deliveryQueueName } from "./delivery-batch";
import { parseTargetSettings, type EgressKind } from "./kinds/index";
import type { PayloadFormat } from "./payload/render-payload";

export interface TargetAdminDeps {
  db: Db;
  box: SecretBox;
  redis: Redis;
  prefix: string;
}

export interface TargetFilters {
  tags?: string[];
  eeps?: string[];
  devices?: string[];
}

export interface SaveTargetInput {
  kind: EgressKind;
  name: string;
  enabled?: boolean;
  config: Record<string, unknown>;
  /** write-only: a field given replaces it, null removes it, a field left out keeps its value */
  secrets?: Record<string, string | null>;
  filters?: TargetFilters;
  payloadFormat?: PayloadFormat;
}

const publicSelect = {
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
  overflowed: true,
  backlog: true,
  createdAt: true,
  updatedAt: true,
  secretsEnc: true,
} as const;

type Row = Prisma.EgressTargetGetPayload<{ select: typeof publicSelect }>;

/** A target as an API may return it: secrets reduced to the names of the fields that are set. */
export function publicTarget(box: SecretBox, row: Row) {
  const { secretsEnc, ...rest } = row;
  let secretFields: string[] = [];
  if (secretsEnc) {
    try {
      secretFields = Object.keys(box.openJson<Record<string, unknown>>(secretsEnc)).sort();
    } catch {
      secretFields = [];
    }
  }
  return { ...rest, secretFields };
}

function mergeSecrets(box: SecretBox, sealed: string | null | undefined, changes: Record<string, string | null> | undefined): Record<string, string> {
  const current = sealed ? box.openJson<Record<string, string>>(sealed) : {};
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === null || v === "") delete current[k];
    else current[k] = v;
  }
  return current;
}

async function announce(deps: TargetAdminDeps, targetId: string) {
  await deps.redis.publish(channels.targetsChanged(deps.prefix), targetId);
}

/** Creates a target, or updates it when id is given. Config and the merged secrets are validated
 * for the kind (TargetSettingsError names every problem); secrets are sealed. Workers are told. */
export async function saveEgressTarget(deps: TargetAdminDeps, tenantId: string, input: SaveTargetInput & { id?: string }) {
  const existing = input.id ? await deps.db.egressTarget.findFirst({ where: { id: input.id, tenantId }, select: { secretsEnc: true, kind: true } }) : null;
  if (input.id && !existing) throw Object.assign(new Error("egress target not found"), { code: "NOT_FOUND" });
  if (existing && existing.kind !== input.kind) throw Object.assign(new Error("the kind of a target cannot change"), { code: "CONFLICT" });
  const secrets = mergeSecrets(deps.box, existing?.secretsEnc, input.secrets);
  const { config } = parseTargetSettings(input.kind, input.config, secrets);
  const data = {
    name: input.name,
    config: config as Prisma.InputJsonValue,
    filters: (input.filters ?? {}) as Prisma.InputJsonValue,
    payloadFormat: input.payloadFormat ?? "IOTC",
    secretsEnc: Object.keys(secrets).length ? deps.box.sealJson(secrets) : null,
    ...(input.enabled !== undefined ? { enabled: input.enabled, status: input.enabled ? ("UNKNOWN" as const) : ("DISABLED" as const) } : {}),
  };
  const row = input.id
    ? await deps.db.egressTarget.update({ where: { id: input.id }, data, select: publicSelect })
    : await deps.db.egressTarget.create({ data: { tenantId, kind: input.kind, ...data }, select: publicSelect });
  await announce(deps, row.id);
  return publicTarget(deps.box, row);
}

export async function setEgressTargetEnabled(deps: TargetAdminDeps, tenantId: string, id: string, enabled: boolean) {
  const { count } = await deps.db.egressTarget.updateMany({ where: { id, tenantId }, data: { enabled, status: enabled ? "UNKNOWN" : "DISABLED" } });
  if (count === 0) throw Object.assign(new Error("egress target not found"), { code: "NOT_FOUND" });
  await announce(deps, id);
}

/** Deletes a target, its dead letters and its queue. */
export async function deleteEgressTarget(deps: TargetAdminDeps, tenantId: string, id: string) {
  const { count } = await deps.db.egressTarget.deleteMany({ where: { id, tenantId } });
  if (count === 0) throw Object.assign(new Error("egress target not found"), { code: "NOT_FOUND" });
  await announce(deps, id);
  const queue = new Queue(deliveryQueueName(id), { connection: deps.redis, prefix: deps.prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

/** Delivery status of a target: health, counters, the live backlog and the dead letters. */
export async function egressTargetStatus(deps: TargetAdminDeps, tenantId: string, id: string) {
  const row = await deps.db.egressTarget.findFirst({ where: { id, tenantId }, select: publicSelect });
  if (!row) throw Object.assign(new Error("egress target not found"), { code: "NOT_FOUND" });
  const queue = new Queue(deliveryQueueName(id), { connection: deps.redis, prefix: deps.prefix });
  try {
    const [waiting, active, deadLetters] = await Promise.all([queue.getWaitingCount(), queue.getActiveCount(), countDeadLetters(deps.db, tenantId, id)]);
    const t = publicTarget(deps.box, row);
    return {
      id: t.id,
      kind: t.kind,
      name: t.name,
      enabled: t.enabled,
      status: t.status,
      lastError: t.lastError,
      lastErrorAt: t.lastErrorAt,
      lastSuccessAt: t.lastSuccessAt,
      counters: { delivered: t.delivered, failed: t.failed, retried: t.retried, deadLettered: t.deadLettered, overflowed: t.overflowed },
      backlog: waiting + active,
      deadLetters,
    };
  } finally {
    await queue.close();
  }
}
