import { uintToHex } from "../hex";
import type { SecurityLevelFormat } from "./slf";

export interface RlcPolicy {
  /** Implicit RLC: how many values from the expected one are tried (the specification's common
   * choice is 128). Also how far back a replayed implicit telegram is recognised as RLC_REPLAY. */
  window: number;
  /** Explicit RLC: largest accepted jump ahead of the expected value (RLC_OUT_OF_WINDOW beyond). */
  explicitWindow: number;
}

export const DEFAULT_RLC_POLICY: RlcPolicy = { window: 128, explicitWindow: Number.POSITIVE_INFINITY };

/** Big-endian bytes of an RLC value, `size` bytes wide. */
export function rlcBytes(value: number, size: number, into = new Uint8Array(size), at = 0): Uint8Array {
  let rest = value;
  for (let i = size - 1; i >= 0; i--) {
    into[at + i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return into;
}

export function rlcToHex(value: number, slf: SecurityLevelFormat): string {
  return uintToHex(value, slf.rlcSize);
}

export function readRlc(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

/** Where the RLC search ended. */
export type RlcVerdict =
  | { kind: "accepted"; rlc: number | undefined; next: number | undefined }
  | { kind: "mac" }
  | { kind: "replay"; rlc: number }
  | { kind: "outOfWindow"; rlc: number };

/**
 * Finds the RLC under which `verify` succeeds, per the SLF's RLC mode:
 * - no RLC: one check, no replay protection;
 * - implicit: expected, expected+1, ... within the window (rolling over); a match behind the expected
 *   value is a replay;
 * - explicit: the transmitted value; it must not be below the expected one;
 * - 32-bit counter with 24 bits sent: the upper byte comes from the expected value (or the next
 *   epoch, when the low bits wrapped); a match in the previous epoch is a replay.
 * `expected` undefined means no state yet: the first authenticated telegram initialises it.
 */
export function searchRlc(
  slf: SecurityLevelFormat,
  transmitted: Uint8Array,
  expected: number | undefined,
  policy: RlcPolicy,
  verify: (rlc: number | undefined) => boolean,
): RlcVerdict {
  if (slf.rlcSize === 0)
    return verify(undefined) ? { kind: "accepted", rlc: undefined, next: undefined } : { kind: "mac" };

  const modulus = 2 ** slf.rlcBits;
  if (slf.rlcTransmitted === 0) {
    const start = expected ?? 0;
    if (slf.cmacSize === 0) return { kind: "accepted", rlc: start, next: (start + 1) % modulus };
    for (let k = 0; k < policy.window; k++) {
      const rlc = (start + k) % modulus;
      if (verify(rlc)) return { kind: "accepted", rlc, next: (rlc + 1) % modulus };
    }
    if (expected !== undefined) {
      for (let k = 1; k <= policy.window; k++) {
        const rlc = (((start - k) % modulus) + modulus) % modulus;
        if (verify(rlc)) return { kind: "replay", rlc };
      }
    }
    return { kind: "mac" };
  }

  const low = readRlc(transmitted);
  const acceptExplicit = (rlc: number): RlcVerdict => {
    if (expected !== undefined && rlc < expected) return { kind: "replay", rlc };
    if (expected !== undefined && rlc - expected >= policy.explicitWindow) return { kind: "outOfWindow", rlc };
    return { kind: "accepted", rlc, next: rlc + 1 };
  };

  if (slf.rlcTransmitted === slf.rlcSize) {
    return slf.cmacSize === 0 || verify(low) ? acceptExplicit(low) : { kind: "mac" };
  }

  // Partially transmitted (32-bit counter, 24 bits sent).
  const epoch = 2 ** (8 * slf.rlcTransmitted);
  const base = expected ?? 0;
  const sameEpoch = base - (base % epoch) + low;
  const candidates = sameEpoch >= base ? [sameEpoch] : [sameEpoch + epoch, sameEpoch];
  for (const rlc of candidates) {
    if (rlc >= modulus) continue;
    if (slf.cmacSize === 0 || verify(rlc)) return acceptExplicit(rlc);
  }
  return { kind: "mac" };
}
