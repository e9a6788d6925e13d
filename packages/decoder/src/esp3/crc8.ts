/**
 * CRC-8 with polynomial 0x07, initial value 0, no reflection, no final XOR ("CRC-8/SMBUS").
 * ESP3 uses it for the header (CRC8H) and the data groups (CRC8D); the security specification uses
 * it for the check byte printed after a pre-shared key.
 */
export const CRC8_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    table[i] = crc;
  }
  return table;
})();

/** CRC8 of `bytes[start, end)`, continuing from `crc` (0 for a fresh computation). */
export function crc8(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  for (let i = start; i < end; i++) crc = CRC8_TABLE[crc ^ bytes[i]!]!;
  return crc;
}
