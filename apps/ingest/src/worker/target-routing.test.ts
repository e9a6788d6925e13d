import { describe, expect, it } from "vitest";
import { matchesFilters, targetFiltersSchema } from "./target-routing";

const message = {
  telegramId: "t1",
  sourceEurid: "051b03c9",
  eep: "A5-09-09",
  friendlyId: "co2",
  location: "Hardware 2",
  tags: ["air-quality", "floor-2"],
  message: {},
};

describe("target filters", () => {
  it("let everything through when empty", () => {
    expect(matchesFilters({}, message)).toBe(true);
  });
  it("match by tag, EEP (any case) and device", () => {
    expect(matchesFilters({ tags: ["floor-2"] }, message)).toBe(true);
    expect(matchesFilters({ tags: ["floor-3"] }, message)).toBe(false);
    expect(matchesFilters({ eeps: ["a5-09-09"] }, message)).toBe(true);
    expect(matchesFilters({ eeps: ["D2-14-41"] }, message)).toBe(false);
    expect(matchesFilters({ devices: ["051B03C9"] }, message)).toBe(true);
  });
  it("require every given list to match", () => {
    expect(matchesFilters({ tags: ["floor-2"], eeps: ["D2-14-41"] }, message)).toBe(false);
  });
  it("treat a malformed stored filter as no filter rather than dropping messages", () => {
    expect(targetFiltersSchema.parse({ tags: "oops" })).toEqual({});
  });
});
