import { createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DIRECT_JSON_TEXT, DIRECT_MESSAGE, SEED_DECRYPTED_TEXT, SEED_JSON_TEXT, SEED_KEY, SEED_MESSAGE, ZERO_IV_MESSAGE } from "../fixtures/small-device-vectors";
import { isUplinkError } from "../uplink-error";
import { openSmallDeviceMessage, smallDeviceMac } from "./small-device-message";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return isUplinkError(error) ? error.code : String(error);
  }
  return "accepted";
};

describe("small-device messages", () => {
  it("decrypts the product document's ciphertext to its documented base64 text and JSON", () => {
    const decipher = createDecipheriv("aes-128-cbc", Buffer.from(SEED_KEY, "hex"), Buffer.from(SEED_MESSAGE.iv, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(SEED_MESSAGE.ct, "base64")), decipher.final()]).toString("ascii");
    expect(plain).toBe(SEED_DECRYPTED_TEXT);

    const reading = openSmallDeviceMessage(SEED_MESSAGE, { aesKey: SEED_KEY });
    expect(reading.json).toEqual(JSON.parse(SEED_JSON_TEXT));
    expect(reading).toMatchObject({ sequence: 700, data: { value: 300 }, base64Wrapped: true });
  });

  it("reads the recommended form (the JSON encrypted directly) and the zero-IV example alike", () => {
    for (const message of [DIRECT_MESSAGE, ZERO_IV_MESSAGE]) {
      const reading = openSmallDeviceMessage(message, { aesKey: SEED_KEY });
      expect(reading.json).toEqual(JSON.parse(DIRECT_JSON_TEXT));
      expect(reading).toMatchObject({ sequence: 145, data: { value: 300 }, base64Wrapped: false });
    }
  });

  it("refuses a flipped ciphertext byte, a wrong key and a malformed envelope with their codes", () => {
    const ct = Buffer.from(DIRECT_MESSAGE.ct, "base64");
    ct[ct.length - 1]! ^= 0x01;
    expect(codeOf(() => openSmallDeviceMessage({ ...DIRECT_MESSAGE, ct: ct.toString("base64") }, { aesKey: SEED_KEY }))).toMatch(/UNDECRYPTABLE|BAD_PLAINTEXT/);
    expect(codeOf(() => openSmallDeviceMessage(DIRECT_MESSAGE, { aesKey: "000102030405060708090a0b0c0d0e0f" }))).toMatch(/UNDECRYPTABLE|BAD_PLAINTEXT/);
    expect(codeOf(() => openSmallDeviceMessage({ iv: "AAAA", ct: DIRECT_MESSAGE.ct }, { aesKey: SEED_KEY }))).toBe("BAD_ENVELOPE");
    expect(codeOf(() => openSmallDeviceMessage({ msg: "U2FsdGVkX1+VRlCO" }, { aesKey: SEED_KEY }))).toBe("BAD_ENVELOPE");
  });

  it("with an HMAC key, accepts the right mac and refuses a missing or wrong one before decrypting", () => {
    const hmacKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const mac = smallDeviceMac(hmacKey, Buffer.from(DIRECT_MESSAGE.iv, "base64"), Buffer.from(DIRECT_MESSAGE.ct, "base64")).toString("base64");
    expect(openSmallDeviceMessage({ ...DIRECT_MESSAGE, mac }, { aesKey: SEED_KEY, hmacKey }).sequence).toBe(145);
    expect(codeOf(() => openSmallDeviceMessage(DIRECT_MESSAGE, { aesKey: SEED_KEY, hmacKey }))).toBe("BAD_MAC");
    const wrong = Buffer.from(mac, "base64");
    wrong[0]! ^= 0x80;
    expect(codeOf(() => openSmallDeviceMessage({ ...DIRECT_MESSAGE, mac: wrong.toString("base64") }, { aesKey: SEED_KEY, hmacKey }))).toBe("BAD_MAC");
    // a tampered ciphertext with the old mac never reaches the decryption
    const ct = Buffer.from(DIRECT_MESSAGE.ct, "base64");
    ct[0]! ^= 0x01;
    expect(codeOf(() => openSmallDeviceMessage({ ...DIRECT_MESSAGE, ct: ct.toString("base64"), mac }, { aesKey: SEED_KEY, hmacKey }))).toBe("BAD_MAC");
  });
});
