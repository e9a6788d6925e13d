import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { parseErp2 } from "./erp2";

const packet = (data: string, optional = "0145") => ({
  type: 0x0a,
  data: fromHex(data),
  optionalData: fromHex(optional),
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return "no error";
};

describe("parseErp2", () => {
  it("maps a 32-bit-originator VLD telegram onto the ERP1 view", () => {
    const parsed = parseErp2(packet("2404138bb49fce800863b502a62035", "0147"));
    expect(parsed.facts).toEqual({
      packetType: 0x0a,
      rorg: 0xd2,
      data: "d29fce800863b502a620",
      sender: "04138bb4",
      status: "00",
      repeaterCount: 0,
      subTelNum: 1,
      destination: "ffffffff",
      dBm: 0x47,
      securityLevel: 0,
    });
    expect(toHex(parsed.userData)).toBe("9fce800863b502a620");
  });

  it("reads the security level of a 3-byte optional data group", () => {
    expect(parseErp2(packet("22051b03c90000500894", "014c02")).facts.securityLevel).toBe(2);
  });

  it("maps every telegram type to its R-ORG", () => {
    const rorgs = [0xf6, 0xd5, 0xa5, 0xd0, 0xd2, 0xd4, 0xd1, 0x30, 0x31, 0x35, 0xb3];
    rorgs.forEach((rorg, type) => {
      const header = (0x20 | type).toString(16).padStart(2, "0");
      expect(parseErp2(packet(`${header}0102030455aa`)).facts.rorg, `type ${type}`).toBe(rorg);
    });
  });

  it("reads an extended telegram type", () => {
    expect(parseErp2(packet("2f03010203044040001100")).facts.rorg).toBe(0x40);
    expect(parseErp2(packet("2f000102030401aa")).facts.rorg).toBe(0xc5);
  });

  it("takes the repeater count from the extended header and skips ERP2 optional data", () => {
    const parsed = parseErp2(packet("321201020304000050080f0faa"));
    expect(parsed.facts.repeaterCount).toBe(1);
    expect(parsed.facts.status).toBe("01");
    expect(toHex(parsed.userData)).toBe("00005008");
  });

  it("reads 24-bit, 48-bit originators and a destination", () => {
    expect(parseErp2(packet("00abcdef0811")).facts.sender).toBe("00abcdef");
    const wide = parseErp2(packet("650000051b03c940ff0b000914d2aa"));
    expect(wide.facts.sender).toBe("051b03c9");
    expect(wide.facts.rorg).toBe(0xd4);
    const addressed = parseErp2(packet("4101020304aabbccdd0999"));
    expect(addressed.facts).toMatchObject({ sender: "01020304", destination: "aabbccdd", rorg: 0xd5, data: "d509" });
  });

  it("rejects reserved codes and telegrams without data", () => {
    expect(code(() => parseErp2(packet("8201020304aa00")))).toBe("TELEGRAM_MALFORMED");
    expect(code(() => parseErp2(packet("2b01020304aa00")))).toBe("TELEGRAM_MALFORMED");
    expect(code(() => parseErp2(packet("2f0901020304aa00")))).toBe("TELEGRAM_MALFORMED");
    expect(code(() => parseErp2(packet("220102030400")))).toBe("TELEGRAM_MALFORMED");
    expect(code(() => parseErp2(packet("")))).toBe("TELEGRAM_MALFORMED");
    expect(code(() => parseErp2(packet("3f")))).toBe("TELEGRAM_MALFORMED");
  });

  it("refuses secure ERP2 telegrams that carry ERP2 optional data", () => {
    expect(code(() => parseErp2(packet("381101020304aabbccddeeff0011")))).toBe("SECURITY_UNSUPPORTED");
  });
});
