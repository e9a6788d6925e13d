import { describe, expect, it } from "vitest";
import { DecodeError } from "../errors";
import { fromHex, toHex } from "../hex";
import { parseEsp3 } from "./parse";

const CO2 = "55000a0701eba500005008051b03c90100ffffffff500090";

function errorCode(hex: string): string {
  try {
    parseEsp3(fromHex(hex));
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return (error as DecodeError).code;
  }
  throw new Error("expected a DecodeError");
}

describe("parseEsp3", () => {
  it("returns the packet of a complete frame", () => {
    const packet = parseEsp3(fromHex(CO2));
    expect(packet.type).toBe(1);
    expect(toHex(packet.data)).toBe("a500005008051b03c901");
    expect(toHex(packet.optionalData)).toBe("00ffffffff5000");
  });

  it("skips leading garbage and a false sync byte", () => {
    expect(toHex(parseEsp3(fromHex("005512" + CO2)).data)).toBe("a500005008051b03c901");
  });

  it("returns the first of several frames", () => {
    expect(parseEsp3(fromHex(CO2 + "5500010002650000")).type).toBe(1);
  });

  it("throws ESP3_NO_SYNC without any 0x55", () => {
    expect(errorCode("a5000050080000")).toBe("ESP3_NO_SYNC");
    expect(errorCode("")).toBe("ESP3_NO_SYNC");
  });

  it("throws ESP3_HEADER_CRC when no 0x55 has a matching header CRC", () => {
    expect(errorCode("55000a0701eca500005008051b03c90100ffffffff500090")).toBe("ESP3_HEADER_CRC");
  });

  it("throws ESP3_DATA_CRC when the data CRC does not match", () => {
    expect(errorCode("55000f07012bd29fce800863b502a62004138bb48000ffffffff4d00da")).toBe("ESP3_DATA_CRC");
  });

  it("throws ESP3_TRUNCATED for a short header or a short body", () => {
    expect(errorCode("55000f")).toBe("ESP3_TRUNCATED");
    expect(errorCode("55000f07012bd29fce800863b502a62004138bb48000ffffffff")).toBe("ESP3_TRUNCATED");
  });

  it("prefers the verified header's error over a false sync byte before it", () => {
    expect(errorCode("5512" + "55000f07012bd29fce800863b502a62004138bb48000ffffffff4d00da")).toBe("ESP3_DATA_CRC");
  });

  it("throws ESP3_TOO_LONG for a header beyond the configured maximum", () => {
    expect(() => parseEsp3(fromHex(CO2), { maxPacketLength: 8 })).toThrowError(
      expect.objectContaining({ code: "ESP3_TOO_LONG" }),
    );
  });
});
