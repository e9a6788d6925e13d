import { describe, expect, it } from "vitest";
import { parseEsp3 } from "../esp3/parse";
import { fromHex, toHex } from "../hex";
import { encodeRadioErp1 } from "./erp1-encode";
import { parseErp1 } from "./erp1";

describe("parseErp1", () => {
  it("splits the IoTC multisensor telegram into its raw facts", () => {
    const parsed = parseErp1(parseEsp3(fromHex("55000f07012bd29fce800863b502a62004138bb48000ffffffff4d0025")));
    expect(parsed.facts).toEqual({
      packetType: 1,
      rorg: 0xd2,
      data: "d29fce800863b502a620",
      sender: "04138bb4",
      status: "80",
      repeaterCount: 0,
      subTelNum: 0,
      destination: "ffffffff",
      dBm: 77,
      securityLevel: 0,
    });
    expect(toHex(parsed.userData)).toBe("9fce800863b502a620");
    expect(parsed.statusByte).toBe(0x80);
  });

  it("exposes the repeater count of the status byte", () => {
    const parsed = parseErp1(
      encodeRadioErp1({ rorg: 0xa5, data: fromHex("00005008"), sender: "051b03c9", status: 0x02 }),
    );
    expect(parsed.facts.repeaterCount).toBe(2);
    expect(parsed.facts.status).toBe("02");
  });

  it("fills missing optional fields with neutral values and ignores extra ones", () => {
    const base = encodeRadioErp1({ rorg: 0xd5, data: fromHex("09"), sender: "01825dab" });
    expect(parseErp1({ ...base, optionalData: new Uint8Array(0) }).facts).toMatchObject({
      subTelNum: 0,
      destination: "ffffffff",
      dBm: 0,
      securityLevel: 0,
    });
    expect(parseErp1({ ...base, optionalData: fromHex("03") }).facts.subTelNum).toBe(3);
    expect(parseErp1({ ...base, optionalData: fromHex("0201020304") }).facts.destination).toBe("01020304");
    expect(parseErp1({ ...base, optionalData: fromHex("02ffffffff4502aabbcc") }).facts).toMatchObject({
      dBm: 0x45,
      securityLevel: 2,
    });
  });

  it("rejects data too short for R-ORG, sender and status", () => {
    expect(() => parseErp1({ type: 1, data: fromHex("f6010203"), optionalData: new Uint8Array(0) })).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });
});
