import { encodeEsp3 } from "@tidewire/decoder";
import { radioPacket, type RadioTelegram } from "./sensor-readings";

/** The ESP3 bytes a USB 300 stick emits for a received telegram: data = R-ORG, user data, sender,
 * status; optional = subTelNum, destination, dBm, security level. */
export function radioFrame(telegram: RadioTelegram, sender: string, dBm: number, subTelNum = 1): Uint8Array {
  return encodeEsp3(radioPacket(telegram, sender, dBm, subTelNum));
}
