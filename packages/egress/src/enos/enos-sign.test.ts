import { describe, expect, it } from "vitest";
import { enosExpectedPassword } from "@tidewire/testkit";
import { enosConnectFields, enosPassword } from "./enos-sign";

// Worked examples of the EnOS documentation (reference enos-mqtt.md §2.1).
const VECTORS = [
  { clientId: "123456", deviceKey: "test", productKey: "654321", timestamp: 1548753362502, secret: "abcdefg", password: "B99032D49C706F7B27B22AB5CD2DD3C56A31E1BCBBC83BA0A2A6BB3272FBB166" },
  { clientId: "123", deviceKey: "test", productKey: "123", timestamp: 1524448722000, secret: "abcdefg", password: "A4F9AD91051E3CA89440E0157029DD358C3A2C556D3C543B9FD5A38484785AC9" },
];

describe("EnOS CONNECT signature", () => {
  it.each(VECTORS)("signs the documented example for clientId $clientId", (v) => {
    expect(enosPassword(v)).toBe(v.password);
    // The emulator's independent rule agrees, so the emulator checks what EnOS checks.
    expect(enosExpectedPassword({ ...v, timestamp: String(v.timestamp) }, v.secret)).toBe(v.password);
  });

  it("builds the documented client id and username for static activation", () => {
    expect(enosConnectFields({ ...VECTORS[0]!, secureMode: 2 })).toEqual({
      clientId: "123456|securemode=2,signmethod=sha256,timestamp=1548753362502|",
      username: "test&654321",
      password: VECTORS[0]!.password,
    });
  });
});
