import type { Esp3Packet } from "../esp3/packet";
import { PacketType } from "../esp3/packet-type";
import { DecodeError } from "../errors";
import { byteToHex, euridAt, toHex } from "../hex";
import { Rorg } from "./rorg";
import { BROADCAST, type ParsedTelegram } from "./telegram";

// ERP2 header telegram type (bits 3..0) -> R-ORG; 15 means an extended type byte follows.
const TELEGRAM_TYPE_RORG: readonly (number | undefined)[] = [
  Rorg.RPS,
  Rorg.BS1,
  Rorg.BS4,
  Rorg.SIGNAL,
  Rorg.VLD,
  Rorg.UTE,
  Rorg.MSC,
  Rorg.SEC,
  Rorg.SEC_R,
  Rorg.SEC_TI,
  Rorg.GP_SD,
];
const EXTENDED_TYPE_RORG: readonly (number | undefined)[] = [
  Rorg.SYS_EX,
  Rorg.SM_LRN_REQ,
  Rorg.SM_LRN_ANS,
  Rorg.CDM,
  Rorg.SEC_D,
  Rorg.GP_TI,
  Rorg.GP_TR,
  Rorg.GP_CD,
];
// Address control (header bits 7..5) -> [originator bytes, destination bytes].
const ADDRESSING: readonly ([number, number] | undefined)[] = [
  [3, 0],
  [4, 0],
  [4, 4],
  [6, 0],
];

/**
 * RADIO_ERP2 (packet type 0x0A): DATA = the ERP2 telegram without its LENGTH byte:
 * HEADER | [EXT_HEADER] | [EXT_TYPE] | ORIGINATOR | [DESTINATION] | DATA | [OPTIONAL] | CRC.
 * OPTIONAL DATA = SubTelNum | dBm | [security level] (length 2 or 3, both occur). The trailing CRC was
 * checked by the receiving module and is not checked again. The telegram is mapped onto the ERP1
 * view: sender = low 32 bits of the originator, no status byte (the repeater count of the extended
 * header takes its low nibble).
 */
export function parseErp2(packet: Esp3Packet): ParsedTelegram {
  const { data, optionalData: opt } = packet;
  const malformed = (why: string) =>
    new DecodeError("TELEGRAM_MALFORMED", `RADIO_ERP2 telegram ${why}`, { length: data.length });
  if (data.length < 1) throw malformed("is empty");
  const header = data[0]!;
  const addressing = ADDRESSING[header >> 5];
  if (addressing === undefined) throw malformed(`uses reserved address control ${header >> 5}`);
  let at = 1;
  let repeaters = 0;
  let erp2OptionalLength = 0;
  if (header & 0x10) {
    if (data.length <= at) throw malformed("ends inside its extended header");
    repeaters = data[at]! >> 4;
    erp2OptionalLength = data[at]! & 0x0f;
    at += 1;
  }
  const telegramType = header & 0x0f;
  let rorg: number | undefined;
  if (telegramType === 15) {
    if (data.length <= at) throw malformed("ends inside its extended telegram type");
    rorg = EXTENDED_TYPE_RORG[data[at]!];
    if (rorg === undefined) throw malformed(`uses reserved extended telegram type ${data[at]}`);
    at += 1;
  } else {
    rorg = TELEGRAM_TYPE_RORG[telegramType];
    if (rorg === undefined) throw malformed(`uses reserved telegram type ${telegramType}`);
  }
  const [originatorLength, destinationLength] = addressing;
  const dataStart = at + originatorLength + destinationLength;
  const dataEnd = data.length - 1 - erp2OptionalLength; // last byte is the ERP2 CRC
  if (dataEnd <= dataStart) throw malformed("has no data bytes");
  if (erp2OptionalLength > 0 && (rorg === Rorg.SEC || rorg === Rorg.SEC_R)) {
    // RLC and CMAC would follow the ERP2 optional data; their split depends on the SLF. Not seen in
    // practice, so rejected explicitly instead of being decoded wrongly.
    throw new DecodeError("SECURITY_UNSUPPORTED", "secure ERP2 telegrams with ERP2 optional data are not supported");
  }
  const senderAt = at + originatorLength - 4;
  const sender = originatorLength === 3 ? "00" + toHex(data, at, at + 3) : euridAt(data, senderAt);
  const userData = data.subarray(dataStart, dataEnd);
  return {
    facts: {
      packetType: PacketType.RADIO_ERP2,
      rorg,
      data: byteToHex(rorg) + toHex(userData),
      sender,
      status: byteToHex(repeaters),
      repeaterCount: repeaters,
      subTelNum: opt.length > 0 ? opt[0]! : 0,
      destination: destinationLength > 0 ? euridAt(data, at + originatorLength) : BROADCAST,
      dBm: opt.length > 1 ? opt[1]! : 0,
      securityLevel: opt.length > 2 ? opt[2]! : 0,
    },
    userData,
    statusByte: repeaters,
  };
}
