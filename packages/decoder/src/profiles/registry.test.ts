import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { IOTC_PROFILES, PROFILE_DEFINITIONS } from "./catalog";
import { decodeEep } from "./decode-eep";
import { getCompiledProfile, getProfile, listProfiles, profiles } from "./registry";

const REQUESTED_FAMILIES = [
  "A5-02",
  "A5-04",
  "A5-06",
  "A5-07",
  "A5-08",
  "A5-09",
  "A5-10",
  "A5-12",
  "A5-13",
  "A5-14",
  "A5-20",
  "A5-30",
  "D2-01",
  "D2-05",
  "D2-14",
  "F6-01",
  "F6-02",
  "F6-04",
  "F6-05",
  "F6-10",
];

describe("profile registry", () => {
  it("holds every EEP IoTC supports and more than 100 further profiles", () => {
    expect(IOTC_PROFILES).toHaveLength(24);
    for (const eep of IOTC_PROFILES) expect(getProfile(eep), eep).toBeDefined();
    expect(profiles.length - IOTC_PROFILES.length).toBeGreaterThanOrEqual(100);
    expect(profiles).toHaveLength(PROFILE_DEFINITIONS.length);
  });

  it("covers the families users ask for most", () => {
    for (const family of REQUESTED_FAMILIES) {
      expect(
        profiles.some((p) => p.eep.startsWith(family)),
        family,
      ).toBe(true);
    }
    expect(getProfile("A5-38-08")).toBeDefined();
    expect(getProfile("D5-00-01")).toBeDefined();
  });

  it("finds profiles in any case", () => {
    expect(getProfile("a5-09-09")?.eep).toBe("A5-09-09");
    expect(getProfile(" d2-14-41 ")?.eep).toBe("D2-14-41");
    expect(getCompiledProfile("a5-09-09")).toBe(getCompiledProfile("A5-09-09"));
    expect(getProfile("A5-99-99")).toBeUndefined();
  });

  it("describes each profile with its keys, units and enumerations", () => {
    expect(getProfile("A5-09-09")).toEqual({
      eep: "A5-09-09",
      title: "Gas sensor, pure CO2 sensor with power failure detection",
      telegram: "4BS",
      fields: [
        { key: "co2", description: "CO2 (CO2)", kind: "number", unit: "ppm", min: 0, max: 2000 },
        {
          key: "learn",
          description: "LRN Bit (LRNB)",
          kind: "enum",
          enum: [
            { value: "pressed", meaning: "Teach-in telegram", raw: 0 },
            { value: "notPressed", meaning: "Data telegram", raw: 1 },
          ],
        },
        {
          key: "powerFailureDetected",
          description: "Power Failure detection (PFD)",
          kind: "enum",
          enum: [
            { value: "False", meaning: "Power failure not detected", raw: 0 },
            { value: "True", meaning: "Power failure detected", raw: 1 },
          ],
        },
      ],
    });
  });

  it("lists each key once, marking conditional keys and alternative units", () => {
    const f6 = getProfile("F6-03-02")!;
    expect(f6.fields.map((f) => f.key)).toEqual([
      "rockerFirstAction",
      "buttonsPressed",
      "energybow",
      "rockerSecondAction",
      "secondAction",
    ]);
    expect(f6.fields.every((f) => f.conditional)).toBe(true);
    const meter = getProfile("A5-12-01")!.fields.find((f) => f.key === "meterReading");
    expect(meter?.units).toEqual(["kWh", "W"]);
    const illumination = getProfile("A5-06-02")!.fields.filter((f) => f.key === "illumination");
    expect(illumination).toHaveLength(1);
    const temperature = getProfile("D2-14-41")!.fields[0]!;
    expect(temperature.enum?.map((e) => e.value)).toEqual(["outOfRangeNegative", "outOfRangePositive", "error"]);
    expect(listProfiles()).toBe(profiles);
  });

  it("decodes by EEP code and names unknown codes", () => {
    expect(decodeEep("a5-09-09", fromHex("00005008"))[0]).toEqual({ key: "co2", value: 627.45, unit: "ppm" });
    expect(() => decodeEep("A5-99-99", fromHex("00005008"))).toThrowError(
      expect.objectContaining({ code: "EEP_NOT_FOUND_ERROR" }),
    );
  });

  it("uses lowerCamelCase keys everywhere", () => {
    for (const profile of profiles) {
      for (const field of profile.fields) expect(field.key, `${profile.eep}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });
});
