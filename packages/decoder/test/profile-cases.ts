import { describe, expect, it } from "vitest";
import { decodeEep } from "../src/profiles/decode-eep";
import type { ProfileDefinition } from "../src/profiles/definition";
import { fromHex } from "../src/hex";
import type { TelemetryEntry } from "../src/telemetry-entry";

/**
 * A test telegram for one profile: user data (hex, bytes between R-ORG and sender), the RPS status
 * byte where it matters, and the complete list of entries expected, worked out by hand from the EEP
 * definition (raw bits -> scaling formula of eep-profiles.md 1.2 -> two decimals).
 */
export interface ProfileCase {
  eep: string;
  data: string;
  status?: number;
  /** What the telegram shows, for the test name. */
  shows: string;
  entries?: TelemetryEntry[];
  /** Expected error code instead of entries. */
  error?: string;
}

/** Number entry. */
export const num = (key: string, value: number, unit?: string): TelemetryEntry =>
  unit === undefined ? { key, value } : { key, value, unit };
/** Enumeration entry. */
export const en = (key: string, value: string, meaning: string): TelemetryEntry => ({ key, value, meaning });
/** Raw value outside the valid range. */
export const invalid = (key: string): TelemetryEntry => ({ key, value: "invalid" });
/** Enumeration value the EEP does not define. */
export const reserved = (key: string): TelemetryEntry => ({ key, value: "reserved", meaning: "Reserved" });
/** The 4BS learn bit of a data telegram. */
export const LEARN = en("learn", "notPressed", "Data telegram");

/** Runs every case and checks that the family's every profile has at least one. */
export function describeProfileCases(
  family: string,
  profiles: readonly ProfileDefinition[],
  cases: ProfileCase[],
): void {
  describe(`${family} profiles`, () => {
    it.each(cases.map((c) => [`${c.eep} ${c.data}: ${c.shows}`, c] as const))("%s", (_, c) => {
      const decode = () => decodeEep(c.eep, fromHex(c.data), c.status ?? 0);
      if (c.error !== undefined) {
        expect(decode).toThrowError(expect.objectContaining({ code: c.error }));
      } else {
        expect(decode()).toEqual(c.entries);
      }
    });

    it("has a hand-computed test telegram for every profile of the family", () => {
      const tested = new Set(cases.filter((c) => c.entries !== undefined).map((c) => c.eep));
      expect(profiles.map((p) => p.eep).filter((eep) => !tested.has(eep))).toEqual([]);
    });
  });
}
