import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { encodeEsp3 } from "./encode";
import { parseEsp3 } from "./parse";

describe("encodeEsp3", () => {
  it("builds the ESP3 specification's VLD example byte for byte", () => {
    const frame = encodeEsp3({
      type: 1,
      data: fromHex("d2dddddddddddddddddd008035c400"),
      optionalData: fromHex("03ffffffff4d00"),
    });
    expect(toHex(frame)).toBe("55000f07012bd2dddddddddddddddddd008035c40003ffffffff4d0036");
  });

  it("builds the CO_RD_IDBASE response of the specification", () => {
    expect(toHex(encodeEsp3({ type: 2, data: fromHex("00ff800000"), optionalData: new Uint8Array(0) }))).toBe(
      "5500050002ce00ff800000da",
    );
  });

  it("round-trips through parseEsp3", () => {
    const packet = { type: 0x0a, data: fromHex("22051b03c90000500894"), optionalData: fromHex("014c00") };
    const parsed = parseEsp3(encodeEsp3(packet));
    expect({ type: parsed.type, data: toHex(parsed.data), opt: toHex(parsed.optionalData) }).toEqual({
      type: 0x0a,
      data: "22051b03c90000500894",
      opt: "014c00",
    });
  });

  it("rejects what ESP3 cannot express", () => {
    expect(() => encodeEsp3({ type: 256, data: new Uint8Array(0), optionalData: new Uint8Array(0) })).toThrow(
      RangeError,
    );
    expect(() => encodeEsp3({ type: 1, data: new Uint8Array(0x10000), optionalData: new Uint8Array(0) })).toThrow(
      RangeError,
    );
    expect(() => encodeEsp3({ type: 1, data: new Uint8Array(0), optionalData: new Uint8Array(256) })).toThrow(
      RangeError,
    );
  });
});
