import type { Aes128 } from "./aes";

/** AES-CMAC (RFC 4493) for one key, with the subkeys K1/K2 derived once. */
export class Cmac {
  /** Subkeys of RFC 4493 section 2.3 (exposed for verification against published values). */
  readonly k1: Uint8Array;
  readonly k2: Uint8Array;

  constructor(private readonly aes: Aes128) {
    const l = aes.encryptBlock(new Uint8Array(16));
    this.k1 = doubleInGf128(l);
    this.k2 = doubleInGf128(this.k1);
  }

  /** Full 16-byte tag of `message`. EnOcean transmits its first 3 or 4 bytes. */
  compute(message: Uint8Array): Uint8Array {
    const blocks = Math.max(1, Math.ceil(message.length / 16));
    const lastComplete = message.length > 0 && message.length % 16 === 0;
    const x = new Uint8Array(16);
    let state: Uint8Array = x;
    for (let b = 0; b < blocks - 1; b++) {
      for (let i = 0; i < 16; i++) x[i] = state[i]! ^ message[16 * b + i]!;
      state = this.aes.encryptBlock(x);
    }
    const lastStart = 16 * (blocks - 1);
    const subkey = lastComplete ? this.k1 : this.k2;
    for (let i = 0; i < 16; i++) {
      const at = lastStart + i;
      const byte = at < message.length ? message[at]! : at === message.length ? 0x80 : 0;
      x[i] = state[i]! ^ byte ^ subkey[i]!;
    }
    return this.aes.encryptBlock(x);
  }

  /** Whether the first `mac.length` bytes of the tag of `message` equal `mac`. */
  verify(message: Uint8Array, mac: Uint8Array): boolean {
    const tag = this.compute(message);
    let diff = 0;
    for (let i = 0; i < mac.length; i++) diff |= tag[i]! ^ mac[i]!;
    return diff === 0;
  }
}

/** Multiplication by x in GF(2^128): shift left by one bit, xor 0x87 if the top bit fell off. */
function doubleInGf128(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 15; i++) out[i] = ((block[i]! << 1) | (block[i + 1]! >> 7)) & 0xff;
  out[15] = (block[15]! << 1) & 0xff;
  if (block[0]! & 0x80) out[15] = out[15]! ^ 0x87;
  return out;
}
