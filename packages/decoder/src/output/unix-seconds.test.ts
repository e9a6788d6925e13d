import { describe, expect, it } from "vitest";
import { formatUnixSeconds } from "./unix-seconds";

describe("formatUnixSeconds", () => {
  it("prints Unix seconds like a Python float, as IoTC does", () => {
    expect(formatUnixSeconds(1611927479.166352)).toBe("1611927479.166352");
    expect(formatUnixSeconds(1611927535.0731573)).toBe("1611927535.0731573");
    expect(formatUnixSeconds(1624367607)).toBe("1624367607.0");
  });

  it("refuses what is not a time", () => {
    expect(() => formatUnixSeconds(Number.NaN)).toThrow(RangeError);
  });
});
