import { describe, expect, it } from "vitest";
import { healthReport } from "./health-report";

const at = new Date("2026-01-01T00:00:00Z");
const stick = (health: "healthy" | "degraded" | "unavailable", identifier = "ENOCEAN_USB:abc") => ({ identifier, health });

describe("healthReport", () => {
  it("maps the access point's and the EnOcean stick's health", () => {
    expect(healthReport({ apStatus: "healthy", usb: [stick("healthy")], radios: [] }, at)).toMatchObject({ apHealth: "HEALTHY", usbHealth: "HEALTHY", at });
    expect(healthReport({ apStatus: "unavailable", usb: [stick("degraded")], radios: [] }, at)).toMatchObject({ apHealth: "UNAVAILABLE", usbHealth: "DEGRADED" });
  });

  it("reports UNPLUGGED when no EnOcean stick is listed, whatever else is plugged in", () => {
    expect(healthReport({ apStatus: "healthy", usb: [], radios: [] }, at).usbHealth).toBe("UNPLUGGED");
    expect(healthReport({ apStatus: "healthy", usb: [stick("healthy", "ZIGBEE_USB:1")], radios: [] }, at).usbHealth).toBe("UNPLUGGED");
  });

  it("takes the worst of several sticks and keeps the report's details", () => {
    const report = healthReport({ apStatus: "healthy", usb: [stick("healthy", "ENOCEAN_USB:1"), stick("unavailable", "enocean_usb:2")], radios: [{ mac: "aabbccddeeff", health: "healthy" }] }, at);
    expect(report.usbHealth).toBe("UNAVAILABLE");
    expect(report.detail).toMatchObject({ apStatus: "healthy", usb: [{ identifier: "ENOCEAN_USB:1" }, { identifier: "enocean_usb:2" }], reportedAt: at.toISOString() });
  });
});
