import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readBody, sendJson as send } from "../ingest/http-body";
import type { AddressInfo } from "node:net";
import type { LoginRateLimiter } from "../ingest/auth/login-rate-limiter";
import type { Logger } from "../logging/logger";
import type { BrokerIdentity, BrokerPrincipal, TenantAccess } from "../broker/tenant-access";
import { INTERNAL_USERNAME, mountPrefix } from "../broker/tenant-mount";
import { authenticationRequestSchema, authorizationRequestSchema, type HookAnswer } from "./hook-requests";

export const HOOK_SECRET_HEADER = "x-tidewire-hook-secret";
const MAX_BODY_BYTES = 16 * 1024;

export interface MqttAuthHookOptions {
  /** the same rules the built-in broker applies */
  access: TenantAccess;
  /** the tenant of an MQTT key id, for authorisation (the broker authenticated the client) */
  keyTenant: (keyId: string) => Promise<BrokerIdentity | null>;
  /** MQTT_AUTH_HOOK_SECRET: only a caller sending it (the broker) gets answers */
  secret: string;
  /** failed logins per client address and key id, shared with other hook processes */
  limiter: LoginRateLimiter;
  log: Logger;
}


const DENY: HookAnswer = { result: "deny" };

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Tidewire's HTTP authentication and authorisation hook for an external, clustered MQTT broker
 * (EMQX 5's HTTP authenticator and HTTP authorizer; docs/mqtt-auth-hook.md):
 * - POST /mqtt/authenticate: an API key with the "mqtt" scope, or the internal publisher, may log
 *   in; the answer carries the tenant's mount point as client attributes.
 * - POST /mqtt/authorize: a tenant's client may publish and subscribe under tenants/<its tenant>/
 *   only, the internal publisher under tenants/; nothing else ($SYS, #, other tenants).
 * Every request must carry the shared secret header; a body that does not validate is answered
 * "deny" (an error status would make EMQX ignore the hook and fall through to its defaults).
 */
export class MqttAuthHook {
  private server?: Server;

  constructor(private readonly options: MqttAuthHookOptions) {}

  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return send(res, 200, { ok: true });
    if (req.method !== "POST" || (path !== "/mqtt/authenticate" && path !== "/mqtt/authorize")) return send(res, 404, { error: "not found" });
    if (!sameSecret(req.headers[HOOK_SECRET_HEADER], this.options.secret)) {
      req.resume();
      return send(res, 401, { error: `missing or wrong ${HOOK_SECRET_HEADER}` });
    }
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === null) return send(res, 413, { error: "body too large" });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 200, DENY);
    }
    try {
      const answer = path === "/mqtt/authenticate" ? await this.authenticate(body) : await this.authorize(body);
      send(res, 200, answer);
    } catch (err) {
      // The database or Redis is away: EMQX counts a 5xx as "ignore"; its chain decides.
      this.options.log.error({ err, path }, "MQTT auth hook failed");
      send(res, 503, { error: "temporarily unavailable" });
    }
  }

  private async authenticate(body: unknown): Promise<HookAnswer> {
    const parsed = authenticationRequestSchema.safeParse(body);
    if (!parsed.success) return DENY;
    const { username, password, peerhost } = parsed.data;
    const source = peerhost || "unknown";
    const { limiter, access, log } = this.options;
    const verdict = await limiter.attempt(source, username || undefined);
    if (!verdict.allowed) {
      log.info({ keyId: username, peerhost, reason: verdict.reason }, "MQTT login refused: rate limit");
      return DENY;
    }
    const principal = await access.authenticate(username, password);
    if (!principal) {
      await limiter.failed(source, username || undefined);
      log.info({ keyId: username, peerhost }, "MQTT login refused");
      return DENY;
    }
    await limiter.succeeded(source, username);
    if (principal.kind === "internal") return { result: "allow", is_superuser: false };
    return { result: "allow", is_superuser: false, client_attrs: { tw_tenant: principal.tenantId, tw_mount: mountPrefix(principal.tenantId) } };
  }

  private async authorize(body: unknown): Promise<HookAnswer> {
    const parsed = authorizationRequestSchema.safeParse(body);
    if (!parsed.success) return DENY;
    const { username, topic, mountpoint } = parsed.data;
    const principal = await this.principalOf(username);
    if (!principal) return DENY;
    return this.mayUse(principal, topic, mountpoint) ? { result: "allow" } : DENY;
  }

  /** The hook cannot rewrite topics: the topic as the broker routes it (the listener's mount
   * point, if any, in front) must lie in the principal's space, and, behind a mount point, the
   * client's own part must be one the built-in broker would accept (no $SYS, no empty topic). */
  private mayUse(principal: BrokerPrincipal, topic: string, mountpoint: string): boolean {
    const { access } = this.options;
    if (!mountpoint) return access.allows(principal, topic);
    const relative = topic.startsWith(mountpoint) ? topic.slice(mountpoint.length) : topic;
    const full = mountpoint + relative;
    return access.allows(principal, full) && access.scope(principal, relative) === full;
  }

  private async principalOf(username: string): Promise<BrokerPrincipal | null> {
    if (!username) return null;
    // The broker authenticated the internal publisher with the secret; its name is reserved.
    if (username === INTERNAL_USERNAME) return { kind: "internal" };
    const identity = await this.options.keyTenant(username);
    return identity ? { kind: "tenant", ...identity } : null;
  }
}
