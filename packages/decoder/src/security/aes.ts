import { createCipheriv, type Cipher } from "node:crypto";

/**
 * AES-128 single-block encryption. VAES and CMAC only ever use the encrypt direction, one block at a
 * time, so one ECB cipher object per key is created once and fed block by block: ECB without
 * padding returns each 16-byte block immediately, which avoids creating a cipher per block.
 */
export class Aes128 {
  private readonly cipher: Cipher;

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new RangeError(`AES-128 key must be 16 bytes, got ${key.length}`);
    this.cipher = createCipheriv("aes-128-ecb", key, null);
    this.cipher.setAutoPadding(false);
  }

  /** Encrypts one 16-byte block. */
  encryptBlock(block: Uint8Array): Uint8Array {
    return this.cipher.update(block);
  }
}
