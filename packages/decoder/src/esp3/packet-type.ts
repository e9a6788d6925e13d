/** ESP3 packet types (ESP3 specification v1.47, table 3). "Packet type 10" of the IoTC release
 * notes is 0x0A RADIO_ERP2. */
export const PacketType = {
  RADIO_ERP1: 0x01,
  RESPONSE: 0x02,
  RADIO_SUB_TEL: 0x03,
  EVENT: 0x04,
  COMMON_COMMAND: 0x05,
  SMART_ACK_COMMAND: 0x06,
  REMOTE_MAN_COMMAND: 0x07,
  RADIO_MESSAGE: 0x09,
  RADIO_ERP2: 0x0a,
  RADIO_802_15_4: 0x10,
  COMMAND_2_4: 0x11,
} as const;

const NAMES = new Map<number, string>(Object.entries(PacketType).map(([name, value]) => [value, name]));

/** Name of a packet type: the ESP3 name, "MANUFACTURER_SPECIFIC" for 0x80..0xFF, else "RESERVED". */
export function packetTypeName(type: number): string {
  return NAMES.get(type) ?? (type >= 0x80 ? "MANUFACTURER_SPECIFIC" : "RESERVED");
}
