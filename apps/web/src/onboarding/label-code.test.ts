import { describe, expect, it } from "vitest";
import { LabelCodeError, parseLabelCode } from "./label-code";

describe("EnOcean label codes", () => {
  it("read the EURID and security key of a PTM label", () => {
    expect(parseLabelCode("30S01700100+Z0123456789ABCDEF0123456789ABCDEF+30PS3271-A215+2PDA03+S01432902018866")).toEqual({
      sourceEurid: "01700100",
      aesKey: "0123456789abcdef0123456789abcdef",
      orderingCode: "S3271-A215",
      stepCode: "DA03",
      serialNumber: "01432902018866",
      unknown: [],
    });
  });

  it("keep the radio id of a 48-bit EURID, and read labels without a key", () => {
    expect(parseLabelCode("30S000001910EB8+1P000C00000002+10Z00+11ZFFFFFFFE")).toMatchObject({
      sourceEurid: "01910eb8",
      productId: "000C00000002",
    });
    expect(parseLabelCode("30S000001910EB8").aesKey).toBeUndefined();
  });

  it("accept what a person types: spaces, lower case, one field per line", () => {
    expect(parseLabelCode("  30s051b03c9 \n z3a0c1b30b0a822a17a28fd01d77abdae ")).toMatchObject({
      sourceEurid: "051b03c9",
      aesKey: "3a0c1b30b0a822a17a28fd01d77abdae",
    });
  });

  it("say what is wrong with a label it cannot use", () => {
    expect(() => parseLabelCode("")).toThrow(LabelCodeError);
    expect(() => parseLabelCode("30PS3271-A215")).toThrow(/no EURID/);
    expect(() => parseLabelCode("30S12345")).toThrow(/not 8 or 12 hex digits/);
    expect(() => parseLabelCode("30S01700100+Z0123")).toThrow(/32 hex digits/);
  });
});
