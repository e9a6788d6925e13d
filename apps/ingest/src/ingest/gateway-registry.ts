import {
  findGatewayByMac,
  gatewayLicensedFlags,
  markGatewaysDisconnected,
  recordGatewayHealth,
  registerGateway,
  updateGatewayDetails,
  type Db,
  type GatewayHealthReport,
  type GatewayIdentity,
} from "@tidewire/db";
import type { Logger } from "../logging/logger";
import type { GatewaySession } from "./gateway-session";

/**
 * Connected gateways of this process: registers them (which applies the license's gateway
 * limit), records health and details, marks them disconnected when their last connection here
 * ends, and re-reads their licensed flag while they stay connected, so a new license or a
 * removed gateway takes effect without a reconnect.
 */
export class GatewayRegistry {
  private readonly live = new Map<string, Set<GatewaySession>>();
  private timer?: NodeJS.Timeout;
  private disconnects = new Map<string, { gatewayId: string; tenantId: string; connectedAt: Date }>();
  private disconnectTimer?: NodeJS.Timeout;
  private writingDisconnects?: Promise<void>;

  constructor(private readonly options: { db: Db; log: Logger; licensePublicKey?: string | undefined; licenseRefreshMs?: number }) {}

  start(): void {
    this.timer = setInterval(() => void this.refreshLicenses(), this.options.licenseRefreshMs ?? 30_000);
    this.timer.unref();
  }

  /**
   * A gateway connected (or an access point appeared on a connection). A gateway seen before gets
   * its session from one indexed read and is brought up to date (connection state, details,
   * license) in the background, so that after an outage hundreds of reconnecting gateways do not
   * hold their first frames back for long; a new gateway waits for its registration.
   */
  async register(tenantId: string, identity: GatewayIdentity): Promise<GatewaySession> {
    const { db, log, licensePublicKey } = this.options;
    const known = await findGatewayByMac(db, tenantId, identity.mac);
    if (known) {
      const session: GatewaySession = { tenantId, gatewayId: known.id, gateway: known.mac, licensed: known.licensed, connectedAt: new Date() };
      this.track(session);
      registerGateway(db, tenantId, identity, { licensePublicKey, now: session.connectedAt }).then(
        (gateway) => this.licenseChanged(session, gateway.licensed),
        (err: unknown) => log.warn({ err, gateway: identity.mac }, "could not update the gateway's registration"),
      );
      return session;
    }
    const gateway = await registerGateway(db, tenantId, identity, { licensePublicKey });
    const session: GatewaySession = {
      tenantId,
      gatewayId: gateway.id,
      gateway: gateway.mac,
      licensed: gateway.licensed,
      connectedAt: gateway.connectedAt ?? new Date(),
    };
    this.track(session);
    if (!gateway.licensed) log.warn({ gateway: gateway.mac, tenantId }, "gateway over the license's gateway limit: its telegrams are dropped");
    return session;
  }

  private track(session: GatewaySession): void {
    let sessions = this.live.get(session.gatewayId);
    if (!sessions) this.live.set(session.gatewayId, (sessions = new Set()));
    sessions.add(session);
  }

  private licenseChanged(session: GatewaySession, licensed: boolean): void {
    if (session.licensed === licensed) return;
    this.options.log.info({ gateway: session.gateway, licensed }, "gateway license changed");
    session.licensed = licensed;
  }

  /** The connection of `session` ended. */
  release(session: GatewaySession): void {
    const sessions = this.live.get(session.gatewayId);
    sessions?.delete(session);
    if (sessions && sessions.size > 0) return;
    this.live.delete(session.gatewayId);
    // Written in batches: a network outage or a restart closes thousands of connections at once.
    this.disconnects.set(session.gatewayId, { gatewayId: session.gatewayId, tenantId: session.tenantId, connectedAt: session.connectedAt });
    this.disconnectTimer ??= setTimeout(() => void this.writeDisconnects(), 50);
  }

  private writeDisconnects(): Promise<void> {
    this.disconnectTimer = undefined;
    if (this.writingDisconnects) return this.writingDisconnects.then(() => this.writeDisconnects());
    const rows = [...this.disconnects.values()];
    this.disconnects = new Map();
    if (rows.length === 0) return Promise.resolve();
    this.writingDisconnects = markGatewaysDisconnected(this.options.db, rows)
      .catch((err: unknown) => this.options.log.warn({ err, gateways: rows.length }, "could not mark gateways disconnected"))
      .finally(() => {
        this.writingDisconnects = undefined;
      });
    return this.writingDisconnects;
  }

  health(session: GatewaySession, report: GatewayHealthReport): Promise<void> {
    return recordGatewayHealth(this.options.db, session.tenantId, session.gatewayId, report);
  }

  details(session: GatewaySession, details: Parameters<typeof updateGatewayDetails>[3]): Promise<void> {
    return updateGatewayDetails(this.options.db, session.tenantId, session.gatewayId, details);
  }

  get connectedGateways(): number {
    return this.live.size;
  }

  async refreshLicenses(): Promise<void> {
    if (this.live.size === 0) return;
    try {
      const flags = await gatewayLicensedFlags(this.options.db, [...this.live.keys()]);
      for (const [gatewayId, sessions] of this.live) {
        const licensed = flags.get(gatewayId);
        if (licensed === undefined) continue;
        for (const session of sessions) this.licenseChanged(session, licensed);
      }
    } catch (err) {
      this.options.log.warn({ err }, "could not refresh gateway licenses");
    }
  }

  /** Stops the license refresh and writes the disconnects still pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    await this.writeDisconnects();
  }
}
