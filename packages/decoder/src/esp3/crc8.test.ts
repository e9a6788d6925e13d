import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { crc8, CRC8_TABLE } from "./crc8";

describe("crc8", () => {
  it("reproduces the check values of the ESP3 and security specifications", () => {
    expect(crc8(fromHex("00010005"))).toBe(0x70);
    expect(crc8(fromHex("08"))).toBe(0x38);
    expect(crc8(fromHex("3410DE8F1ABA3EFF9F5A117172EACABD"))).toBe(0x07);
    expect(crc8(fromHex("000F0701"))).toBe(0x2b);
  });

  it("starts its lookup table with the values printed in the ESP3 specification", () => {
    expect(Array.from(CRC8_TABLE.subarray(0, 8))).toEqual([0x00, 0x07, 0x0e, 0x09, 0x1c, 0x1b, 0x12, 0x15]);
  });

  it("computes a sub-range and continues from a previous CRC", () => {
    const bytes = fromHex("55000f07012b");
    expect(crc8(bytes, 1, 5)).toBe(0x2b);
    expect(crc8(bytes, 3, 5, crc8(bytes, 1, 3))).toBe(0x2b);
  });

  it("is 0 for no bytes", () => {
    expect(crc8(new Uint8Array(0))).toBe(0);
  });
});
