import { describe, expect, it } from "vitest";
import { normalisePsk } from "./psk";

describe("normalisePsk", () => {
  it("accepts a 32-digit key in either case", () => {
    expect(normalisePsk("3410DE8F1ABA3EFF9F5A117172EACABD")).toBe("3410de8f1aba3eff9f5a117172eacabd");
  });

  it("accepts the printed form with its CRC8 check byte and verifies it", () => {
    expect(normalisePsk("3410de8f1aba3eff9f5a117172eacabd07")).toBe("3410de8f1aba3eff9f5a117172eacabd");
    expect(() => normalisePsk("3410de8f1aba3eff9f5a117172eacabd08")).toThrowError(
      expect.objectContaining({ code: "SECURITY_CONFIG_INVALID" }),
    );
  });

  it("rejects anything else", () => {
    expect(() => normalisePsk("xyz")).toThrowError(expect.objectContaining({ code: "SECURITY_CONFIG_INVALID" }));
  });
});
