import type { Esp3Packet } from "@tidewire/decoder";
import { erp1SenderOffset } from "../../pipeline/partitions";

/** tenant and ERP1 sender id ("<tenant>:<8 hex>"), the key of a sender's reception habits;
 * undefined for anything else (ERP2, non-radio packets): those wait out their gathering. */
export function senderKey(tenantId: string, packet: Esp3Packet): string | undefined {
  const s = erp1SenderOffset(packet);
  if (s === undefined) return undefined;
  return `${tenantId}:${Buffer.from(packet.data.subarray(s, s + 4)).toString("hex")}`;
}
