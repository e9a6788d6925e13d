import { describe, expect, it } from "vitest";
import { byteToHex, euridAt, fromHex, isHex, toHex, uintToHex } from "./hex";

describe("hex", () => {
  it("converts bytes to lower-case hex and back, any case and whitespace accepted", () => {
    expect(toHex(Uint8Array.of(0, 0x0f, 0xa5, 0xff))).toBe("000fa5ff");
    expect(toHex(Uint8Array.of(1, 2, 3, 4), 1, 3)).toBe("0203");
    expect(Array.from(fromHex("00 0F a5\nFF"))).toEqual([0, 0x0f, 0xa5, 0xff]);
  });

  it("rejects odd lengths and non-hex characters with BAD_INPUT", () => {
    expect(() => fromHex("abc")).toThrowError(expect.objectContaining({ code: "BAD_INPUT" }));
    expect(() => fromHex("zz")).toThrowError(
      expect.objectContaining({ code: "BAD_INPUT", message: expect.stringContaining("position 0") }),
    );
    expect(() => fromHex("0é")).toThrowError(expect.objectContaining({ code: "BAD_INPUT" }));
  });

  it("formats bytes, unsigned integers and EURIDs", () => {
    expect(byteToHex(7)).toBe("07");
    expect(uintToHex(0xc0ffee, 3)).toBe("c0ffee");
    expect(uintToHex(0xfffffffe, 4)).toBe("fffffffe");
    expect(euridAt(Uint8Array.of(9, 0x04, 0x13, 0x8b, 0xb4), 1)).toBe("04138bb4");
  });

  it("checks hex strings of a given number of digits", () => {
    expect(isHex("c0ffee")).toBe(true);
    expect(isHex("c0ffee", 6)).toBe(true);
    expect(isHex("c0ffee", 8)).toBe(false);
    expect(isHex("abc")).toBe(false);
    expect(isHex("xy")).toBe(false);
  });
});
