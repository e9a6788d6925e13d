import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { FINGERPRINT_HEX_LENGTH, telegramFingerprint } from "./telegram-fingerprint";

const erp1 = (data: string, optional = "01ffffffff4d00") => ({ type: 0x01, data: fromHex(data), optionalData: fromHex(optional) });
const erp2 = (data: string, optional = "0145") => ({ type: 0x0a, data: fromHex(data), optionalData: fromHex(optional) });

describe("telegramFingerprint", () => {
  it("is the same for one telegram heard by several gateways with different RSSI and sub-telegram counts", () => {
    const a = telegramFingerprint(erp1("a500005008051b03c900", "01ffffffff4d00"));
    const b = telegramFingerprint(erp1("a500005008051b03c900", "03ffffffff3a03"));
    expect(a).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_LENGTH}}$`));
    expect(b).toBe(a);
  });

  it("ignores the ERP1 repeater count, so a repeated copy is recognised", () => {
    const original = telegramFingerprint(erp1("a500005008051b03c900"));
    expect(telegramFingerprint(erp1("a500005008051b03c901"))).toBe(original);
    expect(telegramFingerprint(erp1("a500005008051b03c902"))).toBe(original);
    expect(telegramFingerprint(erp1("a500005008051b03c90f"))).toBe(original);
  });

  it("keeps the status bits that carry meaning (RPS T21/NU, hash type)", () => {
    const pressed = telegramFingerprint(erp1("f630002e9e0a30"));
    expect(telegramFingerprint(erp1("f630002e9e0a20"))).not.toBe(pressed);
    expect(telegramFingerprint(erp1("f630002e9e0ab0"))).not.toBe(pressed);
  });

  it("differs when the user data or the sender differ", () => {
    const base = telegramFingerprint(erp1("a500005008051b03c900"));
    expect(telegramFingerprint(erp1("a500006008051b03c900"))).not.toBe(base);
    expect(telegramFingerprint(erp1("a500005008051b03ca00"))).not.toBe(base);
  });

  it("ignores the ERP2 extended header's repeater count and the CRC that covers it", () => {
    // header 0x32: 32-bit originator, extended header present, 4BS; ext header: repeater count | opt length 0
    const original = telegramFingerprint(erp2("3200" + "00abcdef" + "00005008" + "11"));
    expect(telegramFingerprint(erp2("3210" + "00abcdef" + "00005008" + "7c"))).toBe(original);
    expect(telegramFingerprint(erp2("3200" + "00abcdef" + "00006008" + "11"))).not.toBe(original);
  });

  it("does not confuse an ERP1 and an ERP2 packet with the same bytes", () => {
    expect(telegramFingerprint(erp1("22abcdef0811aa"))).not.toBe(telegramFingerprint(erp2("22abcdef0811aa00")));
  });

  it("gives no fingerprint to packets that are not radio telegrams, or are too short to be one", () => {
    expect(telegramFingerprint({ type: 0x02, data: fromHex("00"), optionalData: new Uint8Array() })).toBeUndefined();
    expect(telegramFingerprint(erp1("a5000050"))).toBeUndefined();
    expect(telegramFingerprint(erp2("20"))).toBeUndefined();
  });
});
