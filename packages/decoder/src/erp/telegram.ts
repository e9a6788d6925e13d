/**
 * The facts about one received radio telegram that every outcome carries and the output message
 * needs, as received (before ADT unwrapping, chaining or decryption). Plain JSON values only.
 */
export interface TelegramFacts {
  /** ESP3 packet type it came in: 0x01 RADIO_ERP1 or 0x0A RADIO_ERP2. */
  packetType: number;
  /** R-ORG as received (0xA6 for an addressed telegram, 0x40 for a chain fragment...). */
  rorg: number;
  /** Hex of R-ORG + user data as received, without sender and status (IoTC `raw.data`). */
  data: string;
  /** Sender EURID, 8 lower-case hex digits. */
  sender: string;
  /** Status byte, 2 hex digits. ERP2 has none: its repeater count is reported in the low nibble. */
  status: string;
  /** Repeater count (status bits 3..0; ERP2: extended header). 15 = original, do not repeat. */
  repeaterCount: number;
  subTelNum: number;
  /** Destination ID of the ESP3 optional data ("ffffffff" = broadcast or not given). */
  destination: string;
  /** Best RSSI as the positive byte of the optional data (77 means -77 dBm; 0 when not given). */
  dBm: number;
  /** Security level reported by the receiving module (0 = not processed by the module). */
  securityLevel: number;
  /** Destination inside an addressed (ADT) telegram, when there was one. */
  adtDestination?: string;
}

/** A radio telegram split into the parts the engine works on. */
export interface ParsedTelegram {
  facts: TelegramFacts;
  /** User data after the R-ORG byte, as received. */
  userData: Uint8Array;
  /** Status byte (ERP2: repeater count only). */
  statusByte: number;
}

export const BROADCAST = "ffffffff";
