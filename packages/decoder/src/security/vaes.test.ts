import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { Aes128 } from "./aes";
import { vaes, VAES_IV } from "./vaes";

describe("vaes", () => {
  const stmKey = new Aes128(fromHex("456e4f6365616e20476d62482e313300"));

  it("uses the keystream of the secure STM example (A.4.1)", () => {
    // base = IV xor RLC C0FFEE padded = F4EF308F1ABA3EFF9F5A117172EACABD
    const base = VAES_IV.slice();
    base[0] = base[0]! ^ 0xc0;
    base[1] = base[1]! ^ 0xff;
    base[2] = base[2]! ^ 0xee;
    expect(toHex(base)).toBe("f4ef308f1aba3eff9f5a117172eacabd");
    expect(toHex(new Aes128(fromHex("456e4f6365616e20476d62482e313300")).encryptBlock(base))).toBe(
      "9be2e35d5fe7858645200587dd3b515c",
    );
  });

  it("encrypts and decrypts the secure STM telegram (A.4.1)", () => {
    const rlc = fromHex("c0ffee");
    expect(toHex(vaes(stmKey, rlc, fromHex("a50827ff80")))).toBe("3eeac4a2df");
    expect(toHex(vaes(stmKey, rlc, fromHex("3eeac4a2df")))).toBe("a50827ff80");
  });

  it("chains the keystream over several blocks (A.4.3, 31 bytes)", () => {
    const key = new Aes128(fromHex("e50880cf67790d5d66aa7f3b7ad77a3f"));
    const plain = Uint8Array.from([0xd1, ...Array.from({ length: 30 }, (_, i) => i)]);
    expect(toHex(vaes(key, fromHex("01020304"), plain))).toBe(
      "bb17c17a05caf5575de208302fb572a0fd3a4434a41096f102e60dc20d777a",
    );
  });

  it("encrypts the PTM example to CE before the nibble mask (A.4.2)", () => {
    expect(toHex(vaes(stmKey, fromHex("3e2d00"), fromHex("09")))).toBe("ce");
  });

  it("returns nothing for nothing", () => {
    expect(vaes(stmKey, fromHex("00"), new Uint8Array(0))).toHaveLength(0);
  });
});
