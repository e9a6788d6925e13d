import { describe, expect, it } from "vitest";
import { parseArguments, UsageError } from "./arguments";

describe("parseArguments", () => {
  it("collects frames and device options in both --name value and --name=value forms", () => {
    expect(parseArguments(["--eep", "A5-09-09", "--slf=f3", "--ptm", "5500", "55aa"])).toEqual({
      help: false,
      profiles: false,
      frames: ["5500", "55aa"],
      device: { eep: "A5-09-09", slf: "f3", isPTM: true },
      sensor: {},
      timestamp: undefined,
    });
  });

  it("reads sensor fields and the timestamp", () => {
    const args = parseArguments(["--friendly-id", "a", "--location", "b", "--timestamp", "1611927479.5"]);
    expect(args.sensor).toEqual({ friendlyId: "a", location: "b" });
    expect(args.timestamp).toBe(1611927479.5);
  });

  it("rejects unknown options and missing values", () => {
    expect(() => parseArguments(["-x"])).toThrow(UsageError);
    expect(() => parseArguments(["--psk"])).toThrow(UsageError);
    expect(() => parseArguments(["--timestamp", "later"])).toThrow(UsageError);
  });
});
