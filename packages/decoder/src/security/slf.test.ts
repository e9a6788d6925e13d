import { describe, expect, it } from "vitest";
import { parseSlf } from "./slf";

describe("parseSlf", () => {
  it("reads the recommended formats of the security specification", () => {
    expect(parseSlf(0xf3)).toMatchObject({ rlcBits: 32, rlcSize: 4, rlcTransmitted: 4, cmacSize: 4, encrypted: true });
    expect(parseSlf(0xab)).toMatchObject({ rlcBits: 24, rlcSize: 3, rlcTransmitted: 3, cmacSize: 3, encrypted: true });
    expect(parseSlf(0xcb)).toMatchObject({ rlcBits: 32, rlcSize: 4, rlcTransmitted: 3, cmacSize: 3, encrypted: true });
    expect(parseSlf(0x8b)).toMatchObject({ rlcBits: 24, rlcSize: 3, rlcTransmitted: 0, cmacSize: 3, encrypted: true });
  });

  it("reads the legacy 16-bit formats and formats without RLC, CMAC or encryption", () => {
    expect(parseSlf(0x4b)).toMatchObject({ rlcBits: 16, rlcTransmitted: 0, cmacSize: 3 });
    expect(parseSlf(0x6b)).toMatchObject({ rlcBits: 16, rlcTransmitted: 2, cmacSize: 3 });
    expect(parseSlf(0x10)).toMatchObject({ rlcBits: 0, rlcSize: 0, cmacSize: 4, encrypted: false });
    expect(parseSlf(0xe0)).toMatchObject({ rlcBits: 32, cmacSize: 0, encrypted: false });
  });

  it("rejects reserved RLC, CMAC and encryption types", () => {
    for (const byte of [0x2b, 0xfb, 0xf4, 0xf1]) {
      expect(() => parseSlf(byte), byte.toString(16)).toThrowError(
        expect.objectContaining({ code: "SECURITY_UNSUPPORTED" }),
      );
    }
  });
});
