import { pino } from "pino";
import { createConnector } from "./connectors/create-connector";
import type { AgrirouterApplication, ConnectorContext } from "./connectors/connector";
import { MqttConnector } from "./connectors/mqtt-connector";
import { DeliveryError, type FailureStage } from "./delivery-error";
import { TargetSettingsError, type EgressKind } from "./kinds/index";

export type TestConnectionResult = { ok: true; detail?: string } | { ok: false; stage: FailureStage; message: string };

export interface TestConnectionOptions {
  /** ALLOW_PRIVATE_EGRESS */
  allowPrivate: boolean;
  timeoutMs?: number;
  tenantSlug?: string;
  targetId?: string;
  /** connector state (EnOS device secret, agrirouter onboarding) of an existing target */
  state?: unknown;
  /** receives state a test produced (an agrirouter onboarding uses up the registration code) */
  saveState?: (state: unknown) => Promise<void>;
  agrirouter?: AgrirouterApplication;
  builtin?: { url: string; internalSecret: string };
}

/** Connects to a target as delivery would (address check, DNS, TCP, TLS, authentication,
 * activation/onboarding) and, for MQTT, publishes one probe message on the template's topic;
 * reports the first step that failed. Sends no telemetry. */
export async function testConnection(kind: EgressKind, config: unknown, secrets: unknown, options: TestConnectionOptions): Promise<TestConnectionResult> {
  const ctx: ConnectorContext = {
    targetId: options.targetId ?? "connection-test",
    tenantId: "connection-test",
    tenantSlug: options.tenantSlug ?? "tenant",
    payloadFormat: "IOTC",
    allowPrivate: options.allowPrivate,
    log: pino({ level: "silent" }),
    state: options.state,
    ...(options.saveState ? { saveState: options.saveState } : {}),
    ...(options.agrirouter ? { agrirouter: options.agrirouter } : {}),
    ...(options.builtin ? { builtin: options.builtin } : {}),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  let connector;
  try {
    connector = createConnector(kind, config, secrets, ctx);
  } catch (err) {
    if (err instanceof TargetSettingsError || err instanceof DeliveryError) return { ok: false, stage: "config", message: err.message };
    return { ok: false, stage: "config", message: String(err) };
  }
  try {
    await connector.connect();
    if (connector instanceof MqttConnector) {
      const topic = ((config as { topic?: string }).topic ?? "").replace(/\{(\w+)\}/g, "connection-test");
      if (topic) await connector.probeTopic(topic);
    }
    return { ok: true };
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError("protocol", (err as Error).message ?? String(err));
    return { ok: false, stage: e.stage, message: e.message };
  } finally {
    await connector.close().catch(() => {});
  }
}
