import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { encodeSecureTeachIn, encodeSecureTelegram } from "./secure-encode";

const STM_KEY = "456e4f6365616e20476d62482e313300";

describe("encodeSecureTelegram", () => {
  it("produces the on-air secure STM telegram of the specification (A.4.1)", () => {
    const sealed = encodeSecureTelegram({
      aesKey: STM_KEY,
      slf: 0xab,
      rlc: 0xc0ffee,
      rorg: 0xa5,
      data: fromHex("0827ff80"),
    });
    expect([sealed.rorg, toHex(sealed.data)]).toEqual([0x31, "3eeac4a2dfc0ffeeeaf20e"]);
  });

  it("produces the PTM telegram with implicit RLC (A.4.2, erratum corrected)", () => {
    const sealed = encodeSecureTelegram({
      aesKey: STM_KEY,
      slf: 0x8b,
      rlc: 0x3e2d00,
      rorg: undefined,
      data: fromHex("09"),
      ptm: true,
    });
    expect([sealed.rorg, toHex(sealed.data)]).toEqual([0x30, "0e05e56d"]);
  });

  it("transmits only the low 24 bits of a 32-bit RLC with SLF CB", () => {
    const sealed = encodeSecureTelegram({
      aesKey: STM_KEY,
      slf: 0xcb,
      rlc: 0x01020304,
      rorg: 0xd5,
      data: fromHex("09"),
    });
    expect(toHex(sealed.data).slice(4, 10)).toBe("020304");
    expect(sealed.data).toHaveLength(2 + 3 + 3);
  });

  it("rejects a malformed key", () => {
    expect(() => encodeSecureTelegram({ aesKey: "00", slf: 0xf3, rlc: 0, rorg: 0xd5, data: fromHex("09") })).toThrow(
      RangeError,
    );
  });
});

describe("encodeSecureTeachIn", () => {
  it("produces the two teach-in telegrams of the secure STM example (A.4.1)", () => {
    expect(encodeSecureTeachIn({ slf: 0xab, rlc: 0xc0ffee, aesKey: STM_KEY }).map((part) => toHex(part))).toEqual([
      "20abc0ffee456e4f6365616e",
      "4020476d62482e313300",
    ]);
  });
});
