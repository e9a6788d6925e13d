import type { Db } from "../client";

/** One gateway in IoTC's shape (GET /gateways/metadata/statistics/telegrams), plus what Tidewire
 * adds: connection, health and license state, and the not-processed reasons. */
export interface GatewayStatistics {
  device: { hardwareDescriptor: string; mac: string; softwareVersion: string };
  stats: {
    /** Unix seconds, as a string (IoTC) */
    lastSeen: string;
    notProcessed: number;
    successfullyProcessed: number;
    totalTelegramCount: number;
  };
  tidewire: {
    id: string;
    kind: string;
    name: string;
    connectionState: string;
    connectedAt: string | null;
    apHealth: string;
    usbHealth: string;
    lastHealthAt: string | null;
    /** false: over the license's gateway limit; its telegrams are dropped (reason LICENSE) */
    licensed: boolean;
    notProcessedByReason: Record<string, number>;
  };
}

const unixSeconds = (d: Date | null | undefined) => (d ? String(Math.floor(d.getTime() / 1000)) : "");

export async function listGatewayStatistics(db: Db, tenantId: string): Promise<GatewayStatistics[]> {
  const gateways = await db.gateway.findMany({ where: { tenantId }, orderBy: { mac: "asc" }, include: { stats: true } });
  return gateways.map((g) => {
    const s = g.stats;
    const lastSeen = s?.lastSeenAt && g.lastSeenAt ? (s.lastSeenAt > g.lastSeenAt ? s.lastSeenAt : g.lastSeenAt) : (s?.lastSeenAt ?? g.lastSeenAt);
    return {
      device: { hardwareDescriptor: g.hardwareDescriptor, mac: g.mac, softwareVersion: g.softwareVersion },
      stats: {
        lastSeen: unixSeconds(lastSeen),
        notProcessed: Number(s?.notProcessed ?? 0n),
        successfullyProcessed: Number(s?.successfullyProcessed ?? 0n),
        totalTelegramCount: Number(s?.totalTelegramCount ?? 0n),
      },
      tidewire: {
        id: g.id,
        kind: g.kind,
        name: g.name,
        connectionState: g.connectionState,
        connectedAt: g.connectedAt?.toISOString() ?? null,
        apHealth: g.apHealth,
        usbHealth: g.usbHealth,
        lastHealthAt: g.lastHealthAt?.toISOString() ?? null,
        licensed: g.licensed,
        notProcessedByReason: (s?.notProcessedByReason ?? {}) as Record<string, number>,
      },
    };
  });
}
