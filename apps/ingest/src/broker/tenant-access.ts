import { createHash, timingSafeEqual } from "node:crypto";
import { INTERNAL_USERNAME, mountTopic, TENANT_ROOT, unmountTopic } from "./tenant-mount";

/** The tenant an MQTT client's API key belongs to. */
export interface BrokerIdentity {
  tenantId: string;
  tenantSlug: string;
}

/** Who an MQTT client is: a tenant's client (API key), or the internal publisher workers use. */
export type BrokerPrincipal = { kind: "internal" } | ({ kind: "tenant" } & BrokerIdentity);

export interface TenantAccessOptions {
  /** the internal publisher account's password (BROKER_INTERNAL_SECRET) */
  internalSecret: string;
  /** Resolves an API key (username = key id, password = secret) to its tenant, or null. */
  verifyApiKey: (keyId: string, secret: string) => Promise<BrokerIdentity | null>;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first: equal lengths for timingSafeEqual, and the comparison says nothing about length.
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Who may log in to Tidewire's MQTT topic space and which topics they may use: one rule for the
 * built-in broker (builtin-broker.ts) and for an external clustered broker asking over HTTP
 * (mqtt-auth/mqtt-auth-hook.ts).
 * - A tenant's client logs in with an API key with the "mqtt" scope (username = key id,
 *   password = secret) and uses only topics under tenants/<its tenant id>/.
 * - The internal publisher (INTERNAL_USERNAME + BROKER_INTERNAL_SECRET) uses topics under
 *   tenants/ only.
 * - Reserved topics ($SYS/...), and filters that would reach beyond the space (#, +/..., other
 *   tenants' prefixes) are refused.
 */
export class TenantAccess {
  constructor(private readonly options: TenantAccessOptions) {}

  async authenticate(username: string | undefined, password: string | undefined): Promise<BrokerPrincipal | null> {
    if (!username || !password) return null;
    if (username === INTERNAL_USERNAME) return sameSecret(password, this.options.internalSecret) ? { kind: "internal" } : null;
    const identity = await this.options.verifyApiKey(username, password);
    return identity ? { kind: "tenant", tenantId: identity.tenantId, tenantSlug: identity.tenantSlug } : null;
  }

  /**
   * The topic (or filter) as it lives in the shared topic space, or null when the principal may
   * not use it. A tenant's relative topic ("devices/+/telemetry") is placed into its space; one
   * already in that space is taken as it is (a restored session, a stored will, or a broker
   * that mounts topics itself).
   */
  scope(principal: BrokerPrincipal, topic: string): string | null {
    if (principal.kind === "internal") return topic.startsWith(`${TENANT_ROOT}/`) ? topic : null;
    return unmountTopic(principal.tenantId, topic) !== null ? topic : mountTopic(principal.tenantId, topic);
  }

  /** Whether the principal may use this topic (or filter) exactly as written, in the shared topic
   * space: what an external broker that cannot rewrite topics asks. */
  allows(principal: BrokerPrincipal, topic: string): boolean {
    return topic.length > 0 && this.scope(principal, topic) === topic;
  }
}
