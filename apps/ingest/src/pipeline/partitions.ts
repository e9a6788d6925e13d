import type { Esp3Packet } from "@tidewire/decoder";

const RADIO_ERP1 = 0x01;

/** Where an ERP1 packet's 4-byte sender id starts in its data; undefined for anything else (ERP2,
 * non-radio packets). ERP1: R-ORG, user data, sender (4), status (1) — the sender sits just
 * before the status. */
export function erp1SenderOffset(packet: Esp3Packet): number | undefined {
  if (packet.type !== RADIO_ERP1 || packet.data.length < 6) return undefined;
  return packet.data.length - 5;
}

/** The partition a frame belongs to: the same tenant and sender always map to the same one, so
 * a device's telegrams are decoded in the order they arrived. Frames without a recognisable
 * sender (non-radio packets, ERP2) go to partition 0. */
export function partitionOf(tenantId: string, packet: Esp3Packet, partitions: number): number {
  const s = partitions <= 1 ? undefined : erp1SenderOffset(packet);
  if (s === undefined) return 0;
  const d = packet.data;
  // FNV-1a over tenant id and sender: cheap, stable across processes.
  let h = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) h = Math.imul(h ^ tenantId.charCodeAt(i), 0x01000193);
  for (let i = s; i < s + 4; i++) h = Math.imul(h ^ d[i]!, 0x01000193);
  return (h >>> 0) % partitions;
}
