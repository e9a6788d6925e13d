import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { Registry } from "prom-client";
import { channels } from "@tidewire/config";
import { listEnabledTargetsForDelivery, saveTargetState, setTargetStatus, type Db, type SecretBox, type SqlTarget } from "@tidewire/db";
import type { AgrirouterApplication } from "../connectors/connector";
import { createConnector } from "../connectors/create-connector";
import type { EgressKind } from "../kinds/index";
import type { DeliveryPolicyOverrides } from "../kinds/delivery-policy";
import { DeliveryMetrics } from "./delivery-metrics";
import { DEFAULT_DELIVERY_POLICY, policyFor, type DeliveryPolicy } from "./delivery-policy";
import { TargetRunner } from "./target-runner";

export interface DeliveryManagerOptions {
  db: Db;
  /** plain pg pool for the statement asked before every delivery batch; db when absent */
  sql?: SqlTarget;
  box: SecretBox;
  redis: Redis;
  prefix: string;
  log: Logger;
  /** where workers publish into the built-in broker */
  builtin: { url: string; internalSecret: string };
  allowPrivateEgress: boolean;
  agrirouter?: AgrirouterApplication;
  policy?: Partial<DeliveryPolicy>;
  /** Prometheus registry the delivery metrics are registered in */
  registry?: Registry;
  refreshMs?: number;
  /** connector timeout (connect, acknowledgement, reply) */
  connectorTimeoutMs?: number;
}

type TargetRow = Awaited<ReturnType<typeof listEnabledTargetsForDelivery>>[number];

/** Runs a TargetRunner per enabled target of the installation; picks up changes announced on
 * channels.targetsChanged and every refreshMs. */
export class DeliveryManager {
  readonly metrics: DeliveryMetrics;
  private readonly running = new Map<string, { runner: TargetRunner; version: string }>();
  /** targets that could not be started, with the version that failed: said once, not per refresh */
  private readonly unstartable = new Map<string, string>();
  private readonly policy: DeliveryPolicy;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryManagerOptions) {
    this.metrics = new DeliveryMetrics(options.registry ?? new Registry());
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  }

  async start(subscriber: Redis): Promise<void> {
    await this.refresh();
    subscriber.on("message", (channel: string) => {
      if (channel === channels.targetsChanged(this.options.prefix)) void this.refresh();
    });
    await subscriber.subscribe(channels.targetsChanged(this.options.prefix));
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 10_000);
  }

  /** The runner of a target in this process (tests, status). */
  runner(targetId: string): TargetRunner | undefined {
    return this.running.get(targetId)?.runner;
  }

  refresh(): Promise<void> {
    this.refreshing = this.refreshing
      .then(() => this.doRefresh())
      .catch((err: unknown) => this.options.log.warn({ err }, "egress refresh failed"));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (this.stopped) return;
    let targets: TargetRow[];
    try {
      targets = await listEnabledTargetsForDelivery(this.options.db);
    } catch (err) {
      this.options.log.warn({ err }, "could not load egress targets; keeping the running ones");
      return;
    }
    const wanted = new Map(targets.map((t) => [t.id, t]));
    for (const [id, entry] of this.running) {
      const target = wanted.get(id);
      if (!target || versionOf(target) !== entry.version) await this.stopTarget(id);
    }
    for (const target of targets) {
      if (this.running.has(target.id) || this.stopped) continue;
      const version = versionOf(target);
      try {
        const runner = this.createRunner(target);
        await runner.start();
        this.running.set(target.id, { runner, version });
        this.unstartable.delete(target.id);
      } catch (err) {
        // Tried again at every refresh (the cause may pass), but logged and shown on the target
        // once per version of its settings; its queued messages wait.
        if (this.unstartable.get(target.id) === version) continue;
        this.unstartable.set(target.id, version);
        const message = (err as Error).message;
        this.options.log.error({ targetId: target.id, err: message }, "cannot run egress target; check its settings");
        await setTargetStatus(this.options.db, target.tenantId, target.id, "FAILING", `settings: ${message}`).catch(
          () => undefined,
        );
      }
    }
  }

  private createRunner(target: TargetRow): TargetRunner {
    const { box, db, log } = this.options;
    const secrets = target.secretsEnc ? box.openJson<Record<string, unknown>>(target.secretsEnc) : {};
    const state = target.stateEnc ? box.openJson<unknown>(target.stateEnc) : undefined;
    const connector = createConnector(target.kind as EgressKind, target.config, secrets, {
      targetId: target.id,
      tenantId: target.tenantId,
      tenantSlug: target.tenant.slug,
      payloadFormat: target.payloadFormat,
      allowPrivate: this.options.allowPrivateEgress,
      log,
      state,
      // State is not part of the runner's version, so saving it does not restart the target.
      saveState: (next) =>
        saveTargetState(db, target.tenantId, target.id, next === undefined ? null : box.sealJson(next)),
      builtin: this.options.builtin,
      ...(this.options.agrirouter ? { agrirouter: this.options.agrirouter } : {}),
      ...(this.options.connectorTimeoutMs ? { timeoutMs: this.options.connectorTimeoutMs } : {}),
    });
    const overrides = (target.config as { delivery?: DeliveryPolicyOverrides } | null)?.delivery;
    return new TargetRunner(
      { id: target.id, tenantId: target.tenantId, tenantSlug: target.tenant.slug, kind: target.kind },
      connector,
      {
        db,
        ...(this.options.sql ? { sql: this.options.sql } : {}),
        redis: this.options.redis,
        prefix: this.options.prefix,
        log,
        metrics: this.metrics,
        policy: policyFor(this.policy, overrides),
      },
    );
  }

  private async stopTarget(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    this.running.delete(id);
    await entry.runner.stop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.running.keys()].map((id) => this.stopTarget(id)));
  }
}

/** What makes a running target stale: its settings, not its counters or connector state. */
function versionOf(t: TargetRow): string {
  return createHash("sha256")
    .update(JSON.stringify([t.kind, t.config, t.secretsEnc, t.payloadFormat, t.tenant.slug]))
    .digest("hex");
}
