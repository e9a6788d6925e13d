import { DecodeError } from "../errors";
import { fromHex, isHex } from "../hex";
import { Aes128 } from "./aes";
import { Cmac } from "./cmac";

/** Cipher and CMAC subkeys of one AES key, derived once. */
export interface KeyMaterial {
  aes: Aes128;
  cmac: Cmac;
}

/** Key material by key hex, bounded (oldest entries evicted first) so a worker serving many devices
 * keeps its memory flat. */
export class KeyCache {
  private readonly entries = new Map<string, KeyMaterial>();

  constructor(private readonly limit = 10_000) {}

  /** Material for a 32-hex-digit key; SECURITY_CONFIG_INVALID for anything else. */
  get(keyHex: string, what = "aesKey"): KeyMaterial {
    const cached = this.entries.get(keyHex);
    if (cached !== undefined) return cached;
    if (!isHex(keyHex, 32)) {
      throw new DecodeError("SECURITY_CONFIG_INVALID", `${what} must be 32 hex digits (128 bits)`);
    }
    const aes = new Aes128(fromHex(keyHex));
    const material = { aes, cmac: new Cmac(aes) };
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(keyHex, material);
    return material;
  }
}
