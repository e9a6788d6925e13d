import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import type { ProfileDefinition } from "./definition";
import { compileProfile, decodeProfile } from "./engine";

const decode = (definition: ProfileDefinition, hex: string, status = 0) =>
  decodeProfile(compileProfile(definition), fromHex(hex), status);

describe("profile engine", () => {
  it("scales with the slope computed first, as eep-profiles.md 1.2 prescribes", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-01",
      title: "test",
      length: 2,
      fields: [
        {
          kind: "number",
          key: "g",
          description: "g",
          offset: 6,
          size: 10,
          range: [0, 1000],
          scale: [-2.5, 2.5],
          unit: "g",
        },
      ],
    };
    // raw 305 -> -2.5 + 305 * 0.005 = -0.9749999999999999 -> -0.97 (the other order gives -0.98)
    expect(decode(profile, "0131")).toEqual([{ key: "g", value: -0.97, unit: "g" }]);
  });

  it("emits entries in ascending bit order whatever the definition order", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-02",
      title: "test",
      length: 1,
      fields: [
        { kind: "number", key: "low", description: "", offset: 4, size: 4 },
        { kind: "number", key: "high", description: "", offset: 0, size: 4 },
      ],
    };
    expect(decode(profile, "a5").map((e) => e.key)).toEqual(["high", "low"]);
  });

  it("replaces special raw codes by enumeration entries and out-of-range raws by invalid", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-03",
      title: "test",
      length: 1,
      fields: [
        {
          kind: "number",
          key: "t",
          description: "",
          offset: 0,
          size: 8,
          range: [0, 200],
          scale: [0, 100],
          special: [{ raw: 255, value: "error", meaning: "Error" }],
        },
      ],
    };
    expect(decode(profile, "c8")).toEqual([{ key: "t", value: 100 }]);
    expect(decode(profile, "ff")).toEqual([{ key: "t", value: "error", meaning: "Error" }]);
    expect(decode(profile, "fe")).toEqual([{ key: "t", value: "invalid" }]);
  });

  it("applies a divisor and a unit chosen by other bits", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-04",
      title: "test",
      length: 2,
      fields: [
        {
          kind: "number",
          key: "v",
          description: "",
          offset: 0,
          size: 12,
          divisorBy: { offset: 12, size: 2, decimals: { 0: 0, 1: 1, 2: 2 } },
          unitBy: { offset: 14, size: 2, units: { 0: "Wh", 1: "W" } },
        },
      ],
    };
    expect(decode(profile, "4d25")).toEqual([{ key: "v", value: 123.4, unit: "W" }]);
    expect(decode(profile, "4d28")).toEqual([{ key: "v", value: 12.34, unit: "Wh" }]);
    expect(decode(profile, "4d2c")).toEqual([{ key: "v", value: "invalid" }]);
    expect(decode(profile, "4d23")).toEqual([{ key: "v", value: 1234 }]);
  });

  it("maps enumeration ranges and reports unlisted values as reserved", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-05",
      title: "test",
      length: 2,
      fields: [
        {
          kind: "enum",
          key: "big",
          description: "",
          offset: 0,
          size: 16,
          items: [
            { raw: [0, 99], value: "low", meaning: "Low" },
            { raw: 1000, value: "exact", meaning: "Exact" },
          ],
        },
      ],
    };
    expect(decode(profile, "0063")[0]).toMatchObject({ value: "low" });
    expect(decode(profile, "03e8")[0]).toMatchObject({ value: "exact" });
    expect(decode(profile, "0064")[0]).toEqual({ key: "big", value: "reserved", meaning: "Reserved" });
  });

  it("selects the message by condition and checks its length", () => {
    const profile: ProfileDefinition = {
      eep: "D2-FF-06",
      title: "test",
      messages: [
        {
          description: "one",
          when: { offset: 4, size: 4, equals: 1 },
          length: 1,
          fields: [{ kind: "number", key: "a", description: "", offset: 0, size: 4 }],
        },
        {
          description: "two",
          when: { offset: 4, size: 4, equals: [2, 3] },
          length: 2,
          fields: [{ kind: "number", key: "b", description: "", offset: 8, size: 8 }],
        },
      ],
    };
    expect(decode(profile, "51")).toEqual([{ key: "a", value: 5 }]);
    expect(decode(profile, "0309")).toEqual([{ key: "b", value: 9 }]);
    expect(() => decode(profile, "02")).toThrowError(expect.objectContaining({ code: "EEP_DECODE_ERROR" }));
    expect(() => decode(profile, "04")).toThrowError(expect.objectContaining({ code: "EEP_DECODE_ERROR" }));
    expect(() => decode(profile, "")).toThrowError(expect.objectContaining({ code: "EEP_DECODE_ERROR" }));
  });

  it("reads RPS status bits in conditions and marks such profiles", () => {
    const profile: ProfileDefinition = {
      eep: "F6-FF-01",
      title: "test",
      messages: [
        {
          description: "n",
          when: { status: "NU", equals: 1 },
          fields: [{ kind: "number", key: "n", description: "", offset: 0, size: 8 }],
        },
      ],
    };
    expect(compileProfile(profile).usesStatus).toBe(true);
    expect(decode(profile, "07", 0x10)).toEqual([{ key: "n", value: 7 }]);
    expect(() => decode(profile, "07", 0x00)).toThrowError(expect.objectContaining({ code: "EEP_DECODE_ERROR" }));
  });

  it("rejects definitions that cannot be decoded, at load time", () => {
    const field = { kind: "number", key: "x", description: "", offset: 0, size: 8 } as const;
    expect(() => compileProfile({ eep: "A5-FF-1", title: "", fields: [field] })).toThrow(/EEP code/);
    expect(() => compileProfile({ eep: "D2-FF-01", title: "", fields: [field] })).toThrow(/length/);
    expect(() => compileProfile({ eep: "A5-FF-01", title: "", fields: [{ ...field, offset: 30 }] })).toThrow(/outside/);
    expect(() => compileProfile({ eep: "A5-FF-01", title: "", fields: [field, field] })).toThrow(/repeated/);
    expect(() => compileProfile({ eep: "A5-FF-01", title: "", fields: [{ ...field, range: [0, 1] }] })).toThrow(
      /range and scale/,
    );
    expect(() =>
      compileProfile({ eep: "A5-FF-01", title: "", fields: [{ ...field, when: { offset: 8, size: 1 } }] }),
    ).toThrow(/equals or notEquals/);
  });
});
