import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { compileBitReader, readBitsSlowly } from "./bit-reader";

describe("compileBitReader", () => {
  const data = fromHex("9fce800863b502a620");

  it("reads the fields of the IoTC multisensor telegram", () => {
    expect(compileBitReader(0, 10)(data)).toBe(639);
    expect(compileBitReader(10, 8)(data)).toBe(58);
    expect(compileBitReader(18, 17)(data)).toBe(67);
    expect(compileBitReader(35, 2)(data)).toBe(0);
    expect(compileBitReader(37, 10)(data)).toBe(474);
    expect(compileBitReader(47, 10)(data)).toBe(517);
    expect(compileBitReader(57, 10)(data)).toBe(305);
    expect(compileBitReader(67, 1)(data)).toBe(0);
  });

  it("reads single bits, aligned bytes, aligned words and 32-bit values", () => {
    const bytes = fromHex("80ff1234fffffffe");
    expect(compileBitReader(0, 1)(bytes)).toBe(1);
    expect(compileBitReader(8, 8)(bytes)).toBe(255);
    expect(compileBitReader(16, 16)(bytes)).toBe(0x1234);
    expect(compileBitReader(32, 32)(bytes)).toBe(0xfffffffe);
  });

  it("agrees with a bit-by-bit reader for every offset and size up to 45 bits", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 1, max: 45 }),
        (bytes, offset, size) => {
          fc.pre(offset + size <= 64);
          expect(compileBitReader(offset, size)(bytes)).toBe(readBitsSlowly(bytes, offset, size));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("refuses fields it cannot read exactly", () => {
    expect(() => compileBitReader(0, 0)).toThrow(RangeError);
    expect(() => compileBitReader(0, 46)).toThrow(RangeError);
    expect(() => compileBitReader(-1, 4)).toThrow(RangeError);
  });
});
