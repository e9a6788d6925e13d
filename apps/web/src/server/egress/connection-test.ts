import type { EgressKind } from "@tidewire/db";

/** Where a connection test stopped: the first step that failed. */
export type ConnectionTestStage = "config" | "dns" | "address" | "connect" | "tls" | "auth" | "topic" | "timeout" | "unsupported";

export type ConnectionTestResult =
  | { ok: true; durationMs: number; detail: string }
  | { ok: false; stage: ConnectionTestStage; message: string; durationMs: number };

export interface TargetUnderTest {
  tenantId: string;
  tenantSlug: string;
  kind: EgressKind;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Tries a target's settings without delivering anything real. The delivery connectors
 * (packages/egress) will provide this for every kind; apps/web implements the MQTT kinds. */
export interface ConnectionTester {
  test(target: TargetUnderTest): Promise<ConnectionTestResult>;
}
