import { describe, expect, it } from "vitest";
import { parseInputLine } from "./input-line";

describe("parseInputLine", () => {
  it("reads frames, EEP, device, sensor and timestamp", () => {
    expect(
      parseInputLine(
        JSON.stringify({
          esp3: ["55aa", "55bb"],
          eep: "A5-09-09",
          device: { aesKey: "00", slf: "f3", rlcNext: "10", isPTM: false, psk: null },
          sensor: { friendlyId: "x" },
          timestamp: 12.5,
        }),
      ),
    ).toEqual({
      frames: ["55aa", "55bb"],
      device: { eep: "A5-09-09", aesKey: "00", slf: "f3", rlcNext: "10", isPTM: false },
      sensor: { friendlyId: "x" },
      timestamp: 12.5,
    });
  });

  it("accepts a single frame and a null EEP", () => {
    expect(parseInputLine('{"esp3": "55aa", "eep": null}')).toMatchObject({ frames: ["55aa"], device: {} });
  });

  it("names what is wrong", () => {
    expect(() => parseInputLine("{")).toThrowError(
      expect.objectContaining({ code: "BAD_INPUT", message: expect.stringContaining("not JSON") }),
    );
    expect(() => parseInputLine('"x"')).toThrowError(expect.objectContaining({ message: "expected a JSON object" }));
    expect(() => parseInputLine('{"esp3": [1]}')).toThrowError(
      expect.objectContaining({ message: expect.stringContaining('"esp3"') }),
    );
    expect(() => parseInputLine('{"esp3": "55", "device": []}')).toThrowError(
      expect.objectContaining({ message: expect.stringContaining('"device"') }),
    );
  });
});
