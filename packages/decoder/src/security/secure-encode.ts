import { Rorg } from "../erp/rorg";
import { fromHex, isHex } from "../hex";
import { Aes128 } from "./aes";
import { Cmac } from "./cmac";
import { rlcBytes } from "./rlc";
import { parseSlf } from "./slf";
import { vaes } from "./vaes";

export interface SecureTelegramSpec {
  /** Key, 32 hex digits. */
  aesKey: string;
  slf: number;
  /** RLC of this telegram (ignored when the SLF has no RLC). */
  rlc: number;
  /** Plain R-ORG (SEC_R) or undefined for a SEC telegram (PTM: the R-ORG is implied). */
  rorg: number | undefined;
  /** Plain data after the R-ORG (SEC: the data, a PTM sends one nibble). */
  data: Uint8Array;
  /** PTM: transmit only the low nibble of each encrypted byte. */
  ptm?: boolean;
}

/**
 * Builds a secure telegram as a sender does: VAES-encrypt (R-ORG +) data under the RLC, CMAC over
 * R-ORG-S | encrypted | RLC, then `encrypted | transmitted RLC | truncated CMAC`. Returns the
 * telegram's R-ORG (0x31 SEC_R or 0x30 SEC) and user data. For tests, benchmarks and simulators.
 */
export function encodeSecureTelegram(spec: SecureTelegramSpec): { rorg: number; data: Uint8Array } {
  if (!isHex(spec.aesKey, 32)) throw new RangeError("aesKey must be 32 hex digits");
  const slf = parseSlf(spec.slf);
  const aes = new Aes128(fromHex(spec.aesKey));
  const rorgS = spec.rorg === undefined ? Rorg.SEC : Rorg.SEC_R;
  const plain = spec.rorg === undefined ? spec.data : Uint8Array.from([spec.rorg, ...spec.data]);
  const rlc = slf.rlcSize === 0 ? new Uint8Array(0) : rlcBytes(spec.rlc, slf.rlcSize);
  let encrypted: Uint8Array = slf.encrypted ? vaes(aes, rlc, plain) : plain.slice();
  if (spec.ptm && rorgS === Rorg.SEC) encrypted = encrypted.map((byte) => byte & 0x0f);
  const mac = new Cmac(aes).compute(Uint8Array.from([rorgS, ...encrypted, ...rlc])).subarray(0, slf.cmacSize);
  const transmitted = rlc.subarray(slf.rlcSize - slf.rlcTransmitted);
  return { rorg: rorgS, data: Uint8Array.from([...encrypted, ...transmitted, ...mac]) };
}

export interface SecureTeachInSpec {
  slf: number;
  rlc: number;
  aesKey: string;
  /** Encrypt RLC and key with this pre-shared key (sets the PSK flag). */
  psk?: string;
  ptm?: boolean;
  /** INFO bits (0 unidirectional / rocker A, 1 bidirectional / rocker B). */
  info?: number;
}

/** The two SEC_TI telegrams (user data after R-ORG 0x35) of an ERP1 secure teach-in. */
export function encodeSecureTeachIn(spec: SecureTeachInSpec): Uint8Array[] {
  const slf = parseSlf(spec.slf);
  let secret: Uint8Array = Uint8Array.from([...rlcBytes(spec.rlc, slf.rlcSize), ...fromHex(spec.aesKey)]);
  if (spec.psk !== undefined) secret = vaes(new Aes128(fromHex(spec.psk)), new Uint8Array(0), secret);
  const firstKeyBytes = slf.rlcSize === 4 ? 8 : 7;
  const infoByte = (2 << 4) | (spec.psk !== undefined ? 0x08 : 0) | (spec.ptm ? 0x04 : 0) | ((spec.info ?? 0) & 0x03);
  const split = slf.rlcSize + firstKeyBytes;
  return [
    Uint8Array.from([infoByte, spec.slf, ...secret.subarray(0, split)]),
    Uint8Array.from([0x40, ...secret.subarray(split)]),
  ];
}
