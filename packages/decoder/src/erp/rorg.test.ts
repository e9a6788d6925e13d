import { describe, expect, it } from "vitest";
import { isEepRorg, Rorg, rorgName } from "./rorg";

describe("R-ORG", () => {
  it("names telegram types, and unknown ones by their value", () => {
    expect(rorgName(Rorg.BS4)).toBe("4BS");
    expect(rorgName(Rorg.SEC_CDM)).toBe("SEC_CDM");
    expect(rorgName(0x99)).toBe("0x99");
  });

  it("tells which R-ORGs carry EEP data", () => {
    expect([0xf6, 0xd5, 0xa5, 0xd2].every(isEepRorg)).toBe(true);
    expect(isEepRorg(Rorg.MSC)).toBe(false);
  });
});
