import { describe, expect, it } from "vitest";
import { toHex } from "../hex";
import { PROFILE_DEFINITIONS } from "./catalog";
import { decodeEep } from "./decode-eep";
import { encodeEep, EepEncodeError, profileMessages, sampleEepValues, type EepValue } from "./encode-eep";

/** Deterministic pseudo-random numbers (mulberry32), so a failure names a reproducible seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const valuesOf = (entries: readonly { key: string; value: unknown }[]) =>
  Object.fromEntries(entries.map((e) => [e.key, e.value])) as Record<string, EepValue>;

describe("encodeEep", () => {
  it("builds a telegram that decodes to the IoTC documentation's multisensor values", () => {
    const documented = {
      temperature: 23.9,
      humidity: 29,
      illumination: 67,
      accelerationStatus: "heartbeat",
      accelerationX: -0.13,
      accelerationY: 0.08,
      accelerationZ: -0.97,
      contact: "open",
    };
    const encoded = encodeEep("D2-14-41", documented);
    expect(encoded.rorg).toBe(0xd2);
    expect(encoded.data).toHaveLength(9);
    expect(valuesOf(decodeEep("D2-14-41", encoded.data))).toEqual(documented);
  });

  it("reproduces the IoTC documentation's CO2 telegram, learn bit included", () => {
    const encoded = encodeEep("a5-09-09", { co2: 627.45, learn: "notPressed", powerFailureDetected: "False" });
    expect(toHex(encoded.data)).toBe("00005008");
  });

  it("sets the RPS status bits the chosen message needs", () => {
    const pressed = encodeEep("F6-02-01", { rockerFirstAction: "buttonA0", energybow: "pressed" });
    expect(pressed.status & 0x10).toBe(0x10);
    expect(decodeEep("F6-02-01", pressed.data, pressed.status | 0x20)).toEqual([
      { key: "rockerFirstAction", value: "buttonA0", meaning: "Button A0" },
      { key: "energybow", value: "pressed", meaning: "Energy Bow pressed" },
      { key: "secondAction", value: "noSecondAction", meaning: "No 2nd action" },
    ]);
    const released = encodeEep("F6-02-01", { energybow: "released" }, { message: 1 });
    expect(released.status & 0x10).toBe(0);
  });

  it("sets a sensor-available bit when the conditional value is given", () => {
    const encoded = encodeEep("A5-04-01", { humidity: 50, temperature: 20, learn: "notPressed" });
    expect(valuesOf(decodeEep("A5-04-01", encoded.data))).toMatchObject({ humidity: 50, temperature: 20 });
  });

  it("chooses a meter reading's divisor from the value unless the divisor is given", () => {
    const free = encodeEep("A5-12-01", { meterReading: 12.5, learn: "notPressed", dataType: "cumulativeValue" });
    expect(decodeEep("A5-12-01", free.data)).toContainEqual({ key: "meterReading", value: 12.5, unit: "kWh" });
    const fixed = encodeEep("A5-12-01", { meterReading: 12.5, divisor: "x/1000", learn: "notPressed" });
    expect(decodeEep("A5-12-01", fixed.data)).toContainEqual({ key: "divisor", value: "x/1000", meaning: "x/1000" });
  });

  it("encodes special codes of a number field", () => {
    const encoded = encodeEep("D2-14-41", { temperature: "error" });
    expect(decodeEep("D2-14-41", encoded.data)[0]).toEqual({ key: "temperature", value: "error", meaning: "Error" });
  });

  it("clamps numbers to the valid range", () => {
    const encoded = encodeEep("A5-02-05", { temperature: 99, learn: "notPressed" });
    expect(decodeEep("A5-02-05", encoded.data)[0]).toEqual({ key: "temperature", value: 40, unit: "°C" });
  });

  it("refuses unknown keys, values and profiles with a coded error", () => {
    expect(() => encodeEep("A5-02-05", { pressure: 3 })).toThrow(EepEncodeError);
    expect(() => encodeEep("A5-02-05", { learn: "maybe" })).toThrow(/learn has no value "maybe"/);
    expect(() => encodeEep("ZZ-00-00", {})).toThrow(/not supported/);
    try {
      encodeEep("A5-02-05", { pressure: 3 });
    } catch (error) {
      expect((error as EepEncodeError).code).toBe("EEP_ENCODE_ERROR");
    }
  });

  // The inverse must agree with the decoder for every layout of every profile: decoding what was
  // encoded from decoded values gives the same entries again (values are rounded once by the decoder,
  // so the fixed point is reached after one round).
  it("round-trips sampled values through the decoder for every layout of every profile", () => {
    let layouts = 0;
    for (const definition of PROFILE_DEFINITIONS) {
      profileMessages(definition).forEach((_, message) => {
        layouts++;
        for (let seed = 1; seed <= 20; seed++) {
          const random = seeded(seed * 7919 + layouts);
          const sampled = sampleEepValues(definition, random, { message });
          const first = encodeEep(definition, sampled, { message });
          const decoded = decodeEep(definition.eep, first.data, first.status);
          const again = encodeEep(definition, valuesOf(decoded), { message });
          const label = `${definition.eep} message ${message} seed ${seed}`;
          expect(decodeEep(definition.eep, again.data, again.status), label).toEqual(decoded);
          // Every sampled value that the decoder emits comes back (numbers within the field's resolution).
          for (const entry of decoded) {
            const want = sampled[entry.key];
            if (typeof want === "string") expect(entry.value, `${label} ${entry.key}`).toBe(want);
          }
        }
      });
    }
    expect(layouts).toBeGreaterThan(PROFILE_DEFINITIONS.length);
  });

  it("samples data telegrams for 4BS and 1BS profiles, never teach-ins", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const values = sampleEepValues("A5-09-09", seeded(seed));
      expect(values.learn).toBe("notPressed");
      expect(encodeEep("A5-09-09", values).data[3]! & 0x08).toBe(0x08);
      expect(encodeEep("D5-00-01", sampleEepValues("D5-00-01", seeded(seed))).data[0]! & 0x08).toBe(0x08);
    }
  });
});
