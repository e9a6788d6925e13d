import type { Esp3Packet } from "../esp3/packet";
import { PacketType } from "../esp3/packet-type";
import { DecodeError } from "../errors";
import { byteToHex, euridAt, toHex } from "../hex";
import { repeaterCount } from "./status";
import { BROADCAST, type ParsedTelegram } from "./telegram";

/**
 * RADIO_ERP1 (packet type 0x01): DATA = R-ORG | user data | sender (4) | status;
 * OPTIONAL DATA = SubTelNum | Destination ID (4) | dBm | security level. Trailing optional fields may
 * be missing and extra ones are ignored (ESP3 1.4); missing ones get neutral defaults.
 */
export function parseErp1(packet: Esp3Packet): ParsedTelegram {
  const { data, optionalData: opt } = packet;
  if (data.length < 6) {
    throw new DecodeError(
      "TELEGRAM_MALFORMED",
      `RADIO_ERP1 data must hold R-ORG, sender and status (at least 6 bytes), got ${data.length}`,
      { length: data.length },
    );
  }
  const senderAt = data.length - 5;
  const status = data[data.length - 1]!;
  return {
    facts: {
      packetType: PacketType.RADIO_ERP1,
      rorg: data[0]!,
      data: toHex(data, 0, senderAt),
      sender: euridAt(data, senderAt),
      status: byteToHex(status),
      repeaterCount: repeaterCount(status),
      subTelNum: opt.length > 0 ? opt[0]! : 0,
      destination: opt.length >= 5 ? euridAt(opt, 1) : BROADCAST,
      dBm: opt.length >= 6 ? opt[5]! : 0,
      securityLevel: opt.length >= 7 ? opt[6]! : 0,
    },
    userData: data.subarray(1, senderAt),
    statusByte: status,
  };
}
