import { describe, expect, it } from "vitest";
import { DECODE_ERROR_CODES, DecodeError, isDecodeError } from "./errors";

describe("DecodeError", () => {
  it("carries a stable code, a message and optional details", () => {
    const error = new DecodeError("RLC_REPLAY", "RLC 10 is below 11", { rlc: 16 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DecodeError");
    expect(error.code).toBe("RLC_REPLAY");
    expect(error.details).toEqual({ rlc: 16 });
    expect(isDecodeError(error)).toBe(true);
    expect(isDecodeError(new Error("x"))).toBe(false);
  });

  it("serialises to code, message and details", () => {
    expect(JSON.parse(JSON.stringify(new DecodeError("NO_KEY", "no key")))).toEqual({
      code: "NO_KEY",
      message: "no key",
    });
    expect(new DecodeError("ESP3_TRUNCATED", "short", { needed: 7 }).toJSON()).toEqual({
      code: "ESP3_TRUNCATED",
      message: "short",
      details: { needed: 7 },
    });
  });

  it("lists the codes of the test vectors and IoTC's event names", () => {
    for (const code of [
      "ESP3_NO_SYNC",
      "ESP3_HEADER_CRC",
      "ESP3_DATA_CRC",
      "ESP3_TRUNCATED",
      "EEP_DECODE_ERROR",
      "EEP_NOT_FOUND_ERROR",
      "MAC_VALIDATION_ERROR",
      "RLC_REPLAY",
      "DEVICE_SEND_NOW_UNSECURE",
      "UNSUPPORTED_PACKET_TYPE",
      "NO_KEY",
      "RLC_OUT_OF_WINDOW",
      "CHAIN_TIMEOUT",
    ]) {
      expect(DECODE_ERROR_CODES).toContain(code);
    }
  });
});
