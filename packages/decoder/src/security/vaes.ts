import type { Aes128 } from "./aes";

/** Constant "VAES init vector" of the security specification (v1.9 calls it the public key). */
export const VAES_IV = Uint8Array.of(
  0x34,
  0x10,
  0xde,
  0x8f,
  0x1a,
  0xba,
  0x3e,
  0xff,
  0x9f,
  0x5a,
  0x11,
  0x71,
  0x72,
  0xea,
  0xca,
  0xbd,
);

/**
 * VAES: AES-128 as a keystream generator. base = IV xor RLC (MSB first, zero-padded on the right);
 * keystream block 1 = AES(base), block n = AES(base xor block n-1); output = input xor keystream.
 * Encryption and decryption are the same operation.
 */
export function vaes(aes: Aes128, rlc: Uint8Array, input: Uint8Array): Uint8Array {
  const base = VAES_IV.slice();
  for (let i = 0; i < rlc.length && i < 16; i++) base[i] = base[i]! ^ rlc[i]!;
  const out = new Uint8Array(input.length);
  const next = new Uint8Array(16);
  let keystream = aes.encryptBlock(base);
  for (let start = 0; start < input.length; start += 16) {
    if (start > 0) {
      for (let i = 0; i < 16; i++) next[i] = base[i]! ^ keystream[i]!;
      keystream = aes.encryptBlock(next);
    }
    const end = Math.min(start + 16, input.length);
    for (let i = start; i < end; i++) out[i] = input[i]! ^ keystream[i - start]!;
  }
  return out;
}
