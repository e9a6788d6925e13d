import { crc8 } from "../esp3/crc8";
import { DecodeError } from "../errors";
import { fromHex, isHex, toHex } from "../hex";

/**
 * A pre-shared key as configured: 32 hex digits, or 34 when the CRC8 check byte printed on the
 * device label is appended (same CRC8 as ESP3). Returns the 32-digit key; SECURITY_CONFIG_INVALID
 * when the text is not a key or the check byte does not match.
 */
export function normalisePsk(text: string): string {
  if (isHex(text, 32)) return text.toLowerCase();
  if (isHex(text, 34)) {
    const bytes = fromHex(text);
    if (crc8(bytes, 0, 16) !== bytes[16]) {
      throw new DecodeError("SECURITY_CONFIG_INVALID", "psk check byte (CRC8) does not match the key");
    }
    return toHex(bytes, 0, 16);
  }
  throw new DecodeError("SECURITY_CONFIG_INVALID", "psk must be 32 hex digits, or 34 with its CRC8 check byte");
}
