import type { Esp3Packet } from "../esp3/packet";
import { PacketType } from "../esp3/packet-type";
import { fromHex, isHex } from "../hex";

/** A radio telegram to send through ESP3 as RADIO_ERP1 (gateway simulator, tests, benchmarks). */
export interface RadioErp1Telegram {
  rorg: number;
  /** User data after the R-ORG. */
  data: Uint8Array;
  /** Sender EURID, 8 hex digits. */
  sender: string;
  status?: number;
  subTelNum?: number;
  /** Destination ID, 8 hex digits (default broadcast ffffffff). */
  destination?: string;
  /** Positive dBm byte (77 means -77 dBm). */
  dBm?: number;
  securityLevel?: number;
}

/** Builds the RADIO_ERP1 packet of a telegram, with the full 7-byte optional data. */
export function encodeRadioErp1(telegram: RadioErp1Telegram): Esp3Packet {
  const sender = eurid(telegram.sender, "sender");
  const destination = eurid(telegram.destination ?? "ffffffff", "destination");
  const data = new Uint8Array(1 + telegram.data.length + 5);
  data[0] = telegram.rorg;
  data.set(telegram.data, 1);
  data.set(sender, 1 + telegram.data.length);
  data[data.length - 1] = telegram.status ?? 0;
  const optionalData = new Uint8Array(7);
  optionalData[0] = telegram.subTelNum ?? 1;
  optionalData.set(destination, 1);
  optionalData[5] = telegram.dBm ?? 0;
  optionalData[6] = telegram.securityLevel ?? 0;
  return { type: PacketType.RADIO_ERP1, data, optionalData };
}

function eurid(text: string, what: string): Uint8Array {
  if (!isHex(text, 8)) throw new RangeError(`${what} must be 8 hex digits, got ${JSON.stringify(text)}`);
  return fromHex(text);
}
