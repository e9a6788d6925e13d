import { DecodeError } from "./errors";

// Lookup tables: hex output is on the hot path (raw.data, sender, destination of every telegram),
// so it is built from precomputed pairs instead of toString(16) + padStart per byte.
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const NIBBLE_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE_VALUE[97 + i] = 10 + i;
  NIBBLE_VALUE[65 + i] = 10 + i;
}

/** Lower-case hex of `bytes[start, end)`. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = "";
  for (let i = start; i < end; i++) out += BYTE_TO_HEX[bytes[i]!]!;
  return out;
}

/** Two lower-case hex digits. */
export function byteToHex(value: number): string {
  return BYTE_TO_HEX[value & 0xff]!;
}

/** Lower-case hex of an unsigned integer, zero-padded to `bytes` bytes (up to 6). */
export function uintToHex(value: number, bytes: number): string {
  let out = "";
  for (let i = bytes - 1; i >= 0; i--) out += BYTE_TO_HEX[Math.floor(value / 2 ** (8 * i)) & 0xff]!;
  return out;
}

/** 32-bit big-endian EURID at `offset`, as 8 lower-case hex digits. */
export function euridAt(bytes: Uint8Array, offset: number): string {
  return (
    BYTE_TO_HEX[bytes[offset]!]! +
    BYTE_TO_HEX[bytes[offset + 1]!]! +
    BYTE_TO_HEX[bytes[offset + 2]!]! +
    BYTE_TO_HEX[bytes[offset + 3]!]!
  );
}

/** Parses hex (either case, optional whitespace and 0x-free). Throws BAD_INPUT on anything else. */
export function fromHex(text: string): Uint8Array {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, "") : text;
  if (compact.length % 2 !== 0) {
    throw new DecodeError("BAD_INPUT", `hex string has an odd number of digits (${compact.length})`);
  }
  const out = new Uint8Array(compact.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(compact, 2 * i);
    const lo = nibble(compact, 2 * i + 1);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function nibble(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? NIBBLE_VALUE[code]! : -1;
  if (value < 0) {
    throw new DecodeError("BAD_INPUT", `not a hex digit at position ${index}: ${JSON.stringify(text[index])}`);
  }
  return value;
}

/** True when `text` is exactly `digits` hex digits. */
export function isHex(text: string, digits?: number): boolean {
  if (digits !== undefined && text.length !== digits) return false;
  if (text.length % 2 !== 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || NIBBLE_VALUE[code]! < 0) return false;
  }
  return true;
}
