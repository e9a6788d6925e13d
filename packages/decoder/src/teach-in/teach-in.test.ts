import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { decodeFourBsTeachIn, isFourBsTeachIn } from "./four-bs";
import { decodeOneBsTeachIn, isOneBsTeachIn } from "./one-bs";
import { formatEep, formatManufacturerId } from "./teach-in";
import { decodeUte } from "./ute";

const fields = (teachIn: { fields: { key: string; value: unknown }[] }) =>
  Object.fromEntries(teachIn.fields.map((f) => [f.key, f.value]));

describe("teach-in recognition", () => {
  it("recognises 4BS and 1BS teach-in by their learn bit", () => {
    expect(isFourBsTeachIn(fromHex("08284680"))).toBe(true);
    expect(isFourBsTeachIn(fromHex("00005008"))).toBe(false);
    expect(isFourBsTeachIn(fromHex("000050"))).toBe(false);
    expect(isOneBsTeachIn(fromHex("00"))).toBe(true);
    expect(isOneBsTeachIn(fromHex("09"))).toBe(false);
  });

  it("formats EEPs and manufacturer IDs", () => {
    expect(formatEep(0xa5, 2, 5)).toBe("A5-02-05");
    expect(formatEep(0xd2, 0x14, 0x41)).toBe("D2-14-41");
    expect(formatManufacturerId(0x7ff)).toBe("7FF");
    expect(formatManufacturerId(0x46)).toBe("046");
  });
});

describe("decodeFourBsTeachIn", () => {
  it("reads FUNC, TYPE and manufacturer of a variation-2 telegram (kipe example)", () => {
    const teachIn = decodeFourBsTeachIn(fromHex("08284680"));
    expect(teachIn).toMatchObject({ teachInType: "4BS", eep: "A5-02-05", manufacturerId: "046" });
    expect(fields(teachIn)).toEqual({
      teachInType: "4BS",
      eep: "A5-02-05",
      manufacturerId: "046",
      learnType: "withEep",
      eepResult: "eepNotSupported",
      learnResult: "notStored",
      learnStatus: "query",
      learn: "pressed",
    });
  });

  it("reads the bidirectional response bits", () => {
    expect(fields(decodeFourBsTeachIn(fromHex("0827fff0")))).toMatchObject({
      eep: "A5-02-04",
      manufacturerId: "7FF",
      eepResult: "eepSupported",
      learnResult: "stored",
      learnStatus: "response",
    });
  });

  it("announces no EEP in a variation-1 telegram", () => {
    const teachIn = decodeFourBsTeachIn(fromHex("00000000"));
    expect(teachIn.eep).toBeUndefined();
    expect(fields(teachIn)).toEqual({ teachInType: "4BS", learnType: "withoutEep", learn: "pressed" });
  });
});

describe("decodeOneBsTeachIn", () => {
  it("reports the learn button", () => {
    expect(decodeOneBsTeachIn().fields).toEqual([
      { key: "teachInType", value: "1BS" },
      { key: "learn", value: "pressed", meaning: "pressed" },
    ]);
  });
});

describe("decodeUte", () => {
  it("reads a bidirectional query expecting a response (kipe example)", () => {
    expect(fields(decodeUte(fromHex("a0ff3e000101d2")))).toEqual({
      teachInType: "UTE",
      communication: "bidirectional",
      responseExpected: true,
      requestType: "teachInOrDeletion",
      command: 0,
      channels: 255,
      manufacturerId: "03E",
      eep: "D2-01-01",
    });
  });

  it("reads a unidirectional query without response (domoticz example)", () => {
    expect(fields(decodeUte(fromHex("400146000a03d2")))).toMatchObject({
      communication: "unidirectional",
      responseExpected: false,
      requestType: "teachIn",
      channels: 1,
      manufacturerId: "046",
      eep: "D2-03-0A",
    });
  });

  it("reads the result of a teach-in response and the manufacturer's high bits", () => {
    const response = fields(decodeUte(fromHex("9101ff070a03d2")));
    expect(response).toMatchObject({ command: 1, result: "teachInAccepted", manufacturerId: "7FF" });
    expect(response).not.toHaveProperty("responseExpected");
    expect(fields(decodeUte(fromHex("b101000000d2d2")))).toMatchObject({ result: "eepNotSupported" });
  });

  it("rejects a UTE telegram that is not 7 bytes", () => {
    expect(() => decodeUte(fromHex("a0ff3e000101"))).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });
});
