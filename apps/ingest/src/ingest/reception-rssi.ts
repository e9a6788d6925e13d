import type { Esp3Packet } from "@tidewire/decoder";

const RADIO_ERP1 = 0x01;
const RADIO_ERP2 = 0x0a;

/** The dBm byte a gateway's radio attached to the packet (positive magnitude, as IoTC prints
 * it), or null when the packet has none. ERP1 optional data: subTelNum, destination(4), dBm,
 * securityLevel; ERP2 optional data: subTelNum, dBm. */
export function receptionRssi(packet: Esp3Packet): number | null {
  if (packet.type === RADIO_ERP1 && packet.optionalData.length >= 6) return packet.optionalData[5]!;
  if (packet.type === RADIO_ERP2 && packet.optionalData.length >= 2) return packet.optionalData[1]!;
  return null;
}
