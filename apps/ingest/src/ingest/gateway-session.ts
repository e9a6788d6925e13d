/** One gateway while it is connected: who it is, to which tenant it belongs, and whether the
 * tenant's license covers it. Aruba connections carry one per access point. */
export interface GatewaySession {
  tenantId: string;
  gatewayId: string;
  /** the identity users see (MAC or the gateway's own id) */
  gateway: string;
  /** false: over the license's gateway limit; its frames are dropped and counted (LICENSE) */
  licensed: boolean;
  /** when this connection registered the gateway */
  connectedAt: Date;
}
