import type { ChainFragment } from "../chain/chain-store";
import { DecodeError } from "../errors";
import { fromHex, toHex } from "../hex";
import type { KeyMaterial } from "./key-cache";
import { readRlc, rlcToHex } from "./rlc";
import { parseSlf } from "./slf";
import { vaes } from "./vaes";

/** Content of a complete SEC_TI (secure teach-in) message. */
export interface SecureTeachIn {
  /** Teach-in info byte of the first telegram. */
  teachInInfo: number;
  idx: number;
  /** Number of telegrams of the message (CNT). */
  cnt: number;
  /** RLC and key were encrypted with the pre-shared key. */
  psk: boolean;
  /** TYPE bit: PTM switch (true) or other device. */
  ptm: boolean;
  /** INFO bits: TYPE 0 -> 0 unidirectional, 1 bidirectional; TYPE 1 -> 0 rocker A, 1 rocker B. */
  info: number;
  slf: number;
  rlc: number;
  rlcHex: string;
  /** The device's AES key, 32 lower-case hex digits. */
  aesKey: string;
}

export interface SecureTeachInPart {
  idx: number;
  /** Teach-in info byte of this telegram. */
  infoByte: number;
  /** Bytes after the info byte. */
  content: Uint8Array;
}

/** `35 | TEACH-IN INFO | ...`: IDX = info bits 7..6. */
export function parseSecureTeachInPart(userData: Uint8Array): SecureTeachInPart {
  if (userData.length < 2) {
    throw new DecodeError("TELEGRAM_MALFORMED", `SEC_TI telegram too short (${userData.length} byte(s))`);
  }
  return { idx: userData[0]! >> 6, infoByte: userData[0]!, content: userData.subarray(1) };
}

/** Number of telegrams announced by the first telegram's info byte (CNT, bits 5..4). */
export function secureTeachInCount(infoByte: number): number {
  return Math.max(1, (infoByte >> 4) & 0x03);
}

export interface SecureTeachInKeys {
  /** Pre-shared key of the device, needed when the PSK flag is set. */
  psk?: KeyMaterial;
}

/**
 * Builds the teach-in once every announced part is stored: first part `SLF | RLC | PK...`, further
 * parts `PK...`; with the PSK flag `RLC || PK` is VAES-decrypted with the PSK and an all-zero RLC.
 * Undefined while parts are missing.
 */
export function assembleSecureTeachIn(
  fragments: readonly ChainFragment[],
  keys: SecureTeachInKeys,
): SecureTeachIn | undefined {
  const byIdx = new Map<number, ChainFragment>();
  for (const fragment of fragments) byIdx.set(fragment.idx, fragment);
  const first = byIdx.get(0);
  if (first === undefined || first.info === undefined) return undefined;
  const infoByte = first.info;
  const cnt = secureTeachInCount(infoByte);
  const parts: Uint8Array[] = [];
  for (let idx = 0; idx < cnt; idx++) {
    const fragment = byIdx.get(idx);
    if (fragment === undefined) return undefined;
    parts.push(fromHex(fragment.data));
  }
  const message = concat(parts);
  const slf = parseSlf(message[0]!);
  const needed = 1 + slf.rlcSize + 16;
  if (message.length < needed) {
    throw new DecodeError(
      "TELEGRAM_MALFORMED",
      `SEC_TI message holds ${message.length} byte(s); SLF, RLC and key need ${needed}`,
    );
  }
  const psk = (infoByte & 0x08) !== 0;
  let secret = message.subarray(1, needed);
  if (psk) {
    if (keys.psk === undefined) {
      throw new DecodeError("NO_PSK", "SEC_TI is encrypted with a pre-shared key, but the device has none");
    }
    secret = vaes(keys.psk.aes, new Uint8Array(0), secret);
  }
  const rlc = readRlc(secret.subarray(0, slf.rlcSize));
  return {
    teachInInfo: infoByte,
    idx: 0,
    cnt,
    psk,
    ptm: (infoByte & 0x04) !== 0,
    info: infoByte & 0x03,
    slf: slf.byte,
    rlc,
    rlcHex: rlcToHex(rlc, slf),
    aesKey: toHex(secret, slf.rlcSize, slf.rlcSize + 16),
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
