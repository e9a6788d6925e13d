import { createHash } from "node:crypto";
import type { Esp3Packet } from "../esp3/packet";
import { PacketType } from "../esp3/packet-type";

/** Hex digits of a fingerprint: 128 bits, so that two different telegrams inside one
 * duplicate window never collide in practice. */
export const FINGERPRINT_HEX_LENGTH = 32;

/**
 * Identifies one radio telegram independently of who heard it: the same transmission received by
 * several gateways, or repeated by a repeater, gives the same fingerprint; any other telegram gives
 * another one. Used as the duplicate-removal key (docs/duplicates.md).
 *
 * What is hashed, and why:
 * - ERP1 (packet type 0x01): the ESP3 data (R-ORG, user data, sender, status) with the status
 *   byte's repeater count (bits 3..0) cleared, because a repeater increments it. The optional data
 *   (sub-telegram count, dBm, security level) describes the reception, not the telegram, and is
 *   left out.
 * - ERP2 (packet type 0x0A): the ESP3 data without its trailing CRC byte and with the extended
 *   header's repeater count (bits 7..4) cleared; the CRC is left out because it covers the
 *   repeater count. The optional data is left out as for ERP1.
 * Other packet types are not radio telegrams and have no fingerprint (undefined).
 */
export function telegramFingerprint(packet: Esp3Packet): string | undefined {
  const { type, data } = packet;
  let canonical: Uint8Array;
  if (type === PacketType.RADIO_ERP1) {
    // R-ORG + at least sender (4) + status (1).
    if (data.length < 6) return undefined;
    canonical = data.slice();
    canonical[canonical.length - 1]! &= 0xf0;
  } else if (type === PacketType.RADIO_ERP2) {
    if (data.length < 2) return undefined;
    canonical = data.slice(0, data.length - 1);
    if (canonical[0]! & 0x10 && canonical.length > 1) canonical[1]! &= 0x0f;
  } else {
    return undefined;
  }
  return createHash("sha256")
    .update(Uint8Array.of(type))
    .update(canonical)
    .digest("hex")
    .slice(0, FINGERPRINT_HEX_LENGTH);
}
