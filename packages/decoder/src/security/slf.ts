import { DecodeError } from "../errors";

/** Security level format byte (security specification v3.x layout; v1.9 agrees for types 0..5). */
export interface SecurityLevelFormat {
  byte: number;
  /** Bits 7..5. */
  rlcType: number;
  /** Counter width: 0 (no RLC), 16, 24 or 32 bits. */
  rlcBits: 0 | 16 | 24 | 32;
  /** Bytes of RLC used in CMAC and VAES (rlcBits / 8). */
  rlcSize: number;
  /** Bytes of RLC transmitted in each telegram (0 = implicit). */
  rlcTransmitted: number;
  /** Transmitted CMAC length: 0, 3 or 4 bytes. */
  cmacSize: number;
  /** VAES encryption (encryption type 011); false = authentication only. */
  encrypted: boolean;
}

// RLC type -> [bits, transmitted bytes]; type 1 is reserved.
const RLC_TYPES: readonly ([0 | 16 | 24 | 32, number] | undefined)[] = [
  [0, 0],
  undefined,
  [16, 0],
  [16, 2],
  [24, 0],
  [24, 3],
  [32, 3],
  [32, 4],
];

export function parseSlf(byte: number): SecurityLevelFormat {
  const rlcType = (byte >> 5) & 0x07;
  const rlc = RLC_TYPES[rlcType];
  if (rlc === undefined) {
    throw new DecodeError("SECURITY_UNSUPPORTED", `SLF 0x${hex(byte)} uses the reserved RLC type 001`);
  }
  const cmacType = (byte >> 3) & 0x03;
  if (cmacType === 3) {
    throw new DecodeError("SECURITY_UNSUPPORTED", `SLF 0x${hex(byte)} uses the reserved CMAC type 11`);
  }
  const encryption = byte & 0x07;
  if (encryption !== 0 && encryption !== 3) {
    throw new DecodeError(
      "SECURITY_UNSUPPORTED",
      `SLF 0x${hex(byte)} uses encryption type ${encryption.toString(2).padStart(3, "0")}; only VAES (011) is defined`,
    );
  }
  const [rlcBits, rlcTransmitted] = rlc;
  return {
    byte,
    rlcType,
    rlcBits,
    rlcSize: rlcBits / 8,
    rlcTransmitted,
    cmacSize: cmacType === 0 ? 0 : cmacType === 1 ? 3 : 4,
    encrypted: encryption === 3,
  };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0").toUpperCase();
}
