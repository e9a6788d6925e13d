import { describe, expect, it } from "vitest";
import { PacketType, packetTypeName } from "./packet-type";

describe("packet types", () => {
  it("names the ESP3 packet types; 10 is RADIO_ERP2 (0x0A)", () => {
    expect(PacketType.RADIO_ERP2).toBe(0x0a);
    expect(packetTypeName(0x01)).toBe("RADIO_ERP1");
    expect(packetTypeName(0x0a)).toBe("RADIO_ERP2");
    expect(packetTypeName(0x10)).toBe("RADIO_802_15_4");
    expect(packetTypeName(0x0c)).toBe("RESERVED");
    expect(packetTypeName(0xc0)).toBe("MANUFACTURER_SPECIFIC");
  });
});
