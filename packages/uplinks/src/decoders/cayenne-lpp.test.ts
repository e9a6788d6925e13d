import { describe, expect, it } from "vitest";
import { isUplinkError } from "../uplink-error";
import { decodeCayenneLpp } from "./cayenne-lpp";
import { uplinkValues } from "./payload-decoders";

describe("Cayenne LPP", () => {
  it("decodes the specification's examples (two temperatures; accelerometer; GPS)", () => {
    expect(decodeCayenneLpp(Buffer.from("03670110056700ff", "hex"))).toEqual([
      { key: "temperature_3", value: 27.2, unit: "°C" },
      { key: "temperature_5", value: 25.5, unit: "°C" },
    ]);
    expect(decodeCayenneLpp(Buffer.from("067104d2fb2e0000", "hex"))).toEqual([
      { key: "accelerometer_6.x", value: 1.234, unit: "g" },
      { key: "accelerometer_6.y", value: -1.234, unit: "g" },
      { key: "accelerometer_6.z", value: 0, unit: "g" },
    ]);
    expect(decodeCayenneLpp(Buffer.from("018806765ff2960a0003e8", "hex"))).toEqual([
      { key: "gps_1.latitude", value: 42.3519, unit: "°" },
      { key: "gps_1.longitude", value: -87.9094, unit: "°" },
      { key: "gps_1.altitude", value: 10, unit: "m" },
    ]);
  });

  it("decodes humidity, illuminance and barometer with their units", () => {
    expect(decodeCayenneLpp(Buffer.from("0268610265012c03732747", "hex"))).toEqual([
      { key: "humidity_2", value: 48.5, unit: "%" },
      { key: "illuminance_2", value: 300, unit: "lx" },
      { key: "barometer_3", value: 1005.5, unit: "hPa" },
    ]);
  });

  it("refuses a truncated or unknown field instead of guessing", () => {
    for (const hex of ["0367", "036701", "03ff01"]) {
      expect(() => decodeCayenneLpp(Buffer.from(hex, "hex"))).toThrow(expect.objectContaining({ code: "BAD_PAYLOAD" }));
    }
    try {
      decodeCayenneLpp(Buffer.from("03ff01", "hex"));
    } catch (error) {
      expect(isUplinkError(error)).toBe(true);
    }
  });

  it("uses the device's decoder only when TTS did not decode the payload", () => {
    const payloadHex = Buffer.from('{"co2":612,"ok":true}').toString("hex");
    expect(uplinkValues({ payloadHex, decodedPayload: null }, "json")).toEqual([
      { key: "co2", value: 612, unit: "ppm" },
      { key: "ok", value: true },
    ]);
    expect(uplinkValues({ payloadHex: "03670110", decodedPayload: null }, "raw")).toEqual([]);
    expect(uplinkValues({ payloadHex: "03670110", decodedPayload: { temperature_3: 27.2 } }, "cayenne-lpp")).toEqual([{ key: "temperature_3", value: 27.2, unit: "°C" }]);
  });
});
