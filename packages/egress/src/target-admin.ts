import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { channels } from "@tidewire/config";
import { countDeadLetters, saveTargetState, type Db, type Prisma, type SecretBox } from "@tidewire/db";
import { certificateThumbprints, generateSelfSignedCertificate } from "./certificates/self-signed-certificate";
import { deliveryQueueName } from "./delivery-batch";
import { EgressAdminError, targetNotFound } from "./egress-admin-error";
import { agrirouterStateSchema } from "./kinds/agrirouter";
import { enosStateSchema } from "./kinds/enos";
import { parseTargetSettings, type EgressKind } from "./kinds/index";
import type { PayloadFormat } from "./payload/render-payload";
import { testConnection, type TestConnectionOptions } from "./test-connection";

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
  /** Azure IoT Hub with X.509: make a self-signed device certificate (common name = the device
   * id) and store it with its key, replacing any given one */
  generateCertificate?: boolean;
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
  stateEnc: true,
} as const;

type Row = Prisma.EgressTargetGetPayload<{ select: typeof publicSelect }>;

/** What a connector learned on its first connect, as far as it can be shown: whether the
 * agrirouter endpoint is onboarded, whether an EnOS device was activated. Never a secret. */
export interface ConnectorProgress {
  onboarded?: boolean;
  endpointId?: string;
  capabilitiesSent?: boolean;
  activated?: boolean;
}

function connectorProgress(kind: EgressKind, state: unknown): ConnectorProgress | null {
  if (kind === "AGRIROUTER") {
    const parsed = agrirouterStateSchema.safeParse(state);
    return parsed.success
      ? { onboarded: true, endpointId: parsed.data.onboarding.deviceAlternateId, capabilitiesSent: Boolean(parsed.data.capabilitiesSentAt) }
      : { onboarded: false };
  }
  if (kind === "ENOS") return { activated: enosStateSchema.safeParse(state).success };
  return null;
}

function openSealed<T>(box: SecretBox, sealed: string | null | undefined): T | undefined {
  if (!sealed) return undefined;
  try {
    return box.openJson<T>(sealed);
  } catch {
    return undefined;
  }
}

/** Thumbprints of the target's certificate (Azure X.509 device, MQTT client): public facts the
 * hub or broker is configured with; the private key stays sealed. */
function certificateOf(secrets: Record<string, string> | undefined) {
  const pem = secrets?.certificate ?? secrets?.clientCertificate;
  if (!pem) return null;
  try {
    const t = certificateThumbprints(pem);
    return { sha1: t.sha1, sha256: t.sha256, subject: t.subject, notAfter: t.notAfter };
  } catch {
    return null;
  }
}

/** A target as an API may return it: secrets reduced to the names of the fields that are set
 * (and a certificate's thumbprints), connector state to its progress. */
export function publicTarget(box: SecretBox, row: Row) {
  const { secretsEnc, stateEnc, ...rest } = row;
  const secrets = openSealed<Record<string, string>>(box, secretsEnc);
  return {
    ...rest,
    secretFields: Object.keys(secrets ?? {}).sort(),
    certificate: certificateOf(secrets),
    progress: connectorProgress(row.kind, openSealed<unknown>(box, stateEnc)),
  };
}
export type PublicTarget = ReturnType<typeof publicTarget>;

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
  if (input.id && !existing) throw targetNotFound();
  if (existing && existing.kind !== input.kind) throw new EgressAdminError("CONFLICT", "the kind of a target cannot change");
  const secrets = mergeSecrets(deps.box, existing?.secretsEnc, input.secrets);
  if (input.generateCertificate) Object.assign(secrets, certificateSecrets(input.kind, input.config));
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
  if (count === 0) throw targetNotFound();
  await announce(deps, id);
}

/** Deletes a target, its dead letters and its queue. */
export async function deleteEgressTarget(deps: TargetAdminDeps, tenantId: string, id: string) {
  const { count } = await deps.db.egressTarget.deleteMany({ where: { id, tenantId } });
  if (count === 0) throw targetNotFound();
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
  if (!row) throw targetNotFound();
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

export async function listEgressTargets(deps: Pick<TargetAdminDeps, "db" | "box">, tenantId: string) {
  const rows = await deps.db.egressTarget.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, select: publicSelect });
  return rows.map((r) => publicTarget(deps.box, r));
}

export async function getEgressTarget(deps: Pick<TargetAdminDeps, "db" | "box">, tenantId: string, id: string) {
  const row = await deps.db.egressTarget.findFirst({ where: { id, tenantId }, select: publicSelect });
  if (!row) throw targetNotFound();
  return publicTarget(deps.box, row);
}

/** A saved target's settings with its secrets and connector state opened, to connect to it.
 * Never returned by an API. */
async function openEgressTarget(deps: Pick<TargetAdminDeps, "db" | "box">, tenantId: string, id: string) {
  const row = await deps.db.egressTarget.findFirst({
    where: { id, tenantId },
    select: { id: true, kind: true, config: true, secretsEnc: true, stateEnc: true, tenant: { select: { slug: true } } },
  });
  if (!row) throw targetNotFound();
  return {
    kind: row.kind as EgressKind,
    config: (row.config ?? {}) as Record<string, unknown>,
    secrets: (row.secretsEnc ? deps.box.openJson<Record<string, string>>(row.secretsEnc) : {}) as Record<string, string>,
    state: row.stateEnc ? deps.box.openJson<unknown>(row.stateEnc) : undefined,
    tenantSlug: row.tenant.slug,
  };
}

export type SettingsTestOptions = Omit<TestConnectionOptions, "state" | "saveState" | "targetId" | "tenantSlug">;

/** Tests settings before (or instead of) saving them. With `targetId`, secrets not given are the
 * saved target's and its connector state is used and kept (an agrirouter registration code works
 * once: the onboarding it buys is stored on the target). */
export async function testEgressSettings(
  deps: Pick<TargetAdminDeps, "db" | "box">,
  tenantId: string,
  input: { kind: EgressKind; config?: Record<string, unknown>; secrets?: Record<string, string | null>; targetId?: string },
  options: SettingsTestOptions,
) {
  const saved = input.targetId ? await openEgressTarget(deps, tenantId, input.targetId) : undefined;
  if (saved && saved.kind !== input.kind) throw new EgressAdminError("CONFLICT", "the kind of a target cannot change");
  const secrets: Record<string, string> = { ...saved?.secrets };
  for (const [k, v] of Object.entries(input.secrets ?? {})) {
    if (v === null || v === "") delete secrets[k];
    else secrets[k] = v;
  }
  const tenant = saved ? { tenantSlug: saved.tenantSlug } : await deps.db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } }).then((t) => (t ? { tenantSlug: t.slug } : {}));
  return testConnection(input.kind, input.config ?? saved?.config ?? {}, secrets, {
    ...options,
    ...tenant,
    ...(saved && input.targetId
      ? {
          targetId: input.targetId,
          state: saved.state,
          saveState: (next: unknown) => saveTargetState(deps.db, tenantId, input.targetId!, next === undefined ? null : deps.box.sealJson(next)),
        }
      : {}),
  });
}

/** Tests a saved target as delivery connects to it. */
export function testEgressTarget(deps: Pick<TargetAdminDeps, "db" | "box">, tenantId: string, id: string, kind: EgressKind, options: SettingsTestOptions) {
  return testEgressSettings(deps, tenantId, { kind, targetId: id }, options);
}

function certificateSecrets(kind: EgressKind, config: Record<string, unknown>) {
  const deviceId = typeof config.deviceId === "string" && config.deviceId ? config.deviceId : undefined;
  if (kind !== "AZURE_IOT_HUB" || config.auth !== "x509" || !deviceId)
    throw new EgressAdminError("CONFLICT", "certificates are generated for Azure IoT Hub targets with X.509 authentication and a device id");
  const generated = generateSelfSignedCertificate(deviceId);
  return { certificate: generated.certificate, privateKey: generated.privateKey };
}

/** Azure X.509: makes a new self-signed device certificate (common name = the hub device id),
 * stores it and its key sealed on the target, and answers its thumbprints to paste into the
 * hub. The private key never leaves the server. */
export async function generateTargetCertificate(deps: TargetAdminDeps, tenantId: string, id: string) {
  const target = await openEgressTarget(deps, tenantId, id);
  const generated = certificateSecrets(target.kind, target.config);
  await deps.db.egressTarget.updateMany({ where: { id, tenantId }, data: { secretsEnc: deps.box.sealJson({ ...target.secrets, ...generated }) } });
  await announce(deps, id);
  return certificateOf(generated)!;
}
