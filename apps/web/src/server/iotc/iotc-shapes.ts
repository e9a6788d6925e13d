/** IoTC's telegram statistics: lastSeen as a string of Unix seconds. */
export interface IotcStats {
  lastSeen: string;
  notProcessed: number;
  successfullyProcessed: number;
  totalTelegramCount: number;
}

export function toIotcStats(s: { totalTelegramCount: number; successfullyProcessed: number; notProcessed: number; lastSeenAt: string | null }): IotcStats {
  return {
    lastSeen: s.lastSeenAt ? String(Math.floor(Date.parse(s.lastSeenAt) / 1000)) : "",
    notProcessed: s.notProcessed,
    successfullyProcessed: s.successfullyProcessed,
    totalTelegramCount: s.totalTelegramCount,
  };
}

export function toIotcGateway(g: { hardwareDescriptor: string; mac: string; softwareVersion: string; lastSeenAt: string | null }) {
  return {
    hardwareDescriptor: g.hardwareDescriptor,
    mac: g.mac,
    softwareVersion: g.softwareVersion,
    lastSeen: g.lastSeenAt ? String(Math.floor(Date.parse(g.lastSeenAt) / 1000)) : "",
  };
}

/** A stored telegram as the output message IoTC's "most recent" endpoints return (in
 * egressOutput, as a JSON string): sensor, telemetry and raw rebuilt from the history, with
 * Tidewire's receptions extension. */
export function egressOutputOf(
  device: { sourceEurid: string; destinationEurid: string; friendlyId: string; location: string; eep: string },
  t: { telegramId: string; time: string; rssi: number | null; rawData: string; data: unknown[]; signal: unknown[]; receptions: { gateway: string; rssi: number | null; time: string | null }[] },
): string {
  const seconds = (iso: string) => (Date.parse(iso) / 1000).toFixed(3);
  return JSON.stringify({
    sensor: { friendlyId: device.friendlyId, id: device.sourceEurid, location: device.location },
    telemetry: { data: t.data, signal: t.signal, meta: { security: [], sensorHealth: [], stats: [] } },
    raw: {
      data: t.rawData,
      sender: device.sourceEurid,
      destination: device.destinationEurid,
      ...(t.rssi !== null ? { rssi: t.rssi } : {}),
      timestamp: seconds(t.time),
    },
    tidewire: {
      telegramId: t.telegramId,
      eep: device.eep,
      receptions: t.receptions.map((r) => ({ gateway: r.gateway, rssi: r.rssi, timestamp: r.time ? seconds(r.time) : null })),
    },
  });
}
