import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { decodeFrame, decodeFrames } from "./decode-frame";

describe("decodeFrame", () => {
  it("decodes hex and bytes alike", () => {
    const hex = "55000a0701eba500005008051b03c90100ffffffff500090";
    expect(decodeFrame(hex, { eep: "A5-09-09" })).toMatchObject({ kind: "data", eep: "A5-09-09" });
    expect(decodeFrame(fromHex(hex), { eep: "A5-09-09" })).toMatchObject({ kind: "data" });
  });

  it("returns framing problems and bad hex as error outcomes", () => {
    expect(decodeFrame("55000f")).toMatchObject({
      kind: "error",
      error: { code: "ESP3_TRUNCATED" },
      telegram: undefined,
    });
    expect(decodeFrame("zz")).toMatchObject({ kind: "error", error: { code: "BAD_INPUT" } });
    expect(decodeFrame("")).toMatchObject({ kind: "error", error: { code: "ESP3_NO_SYNC" } });
  });
});

describe("decodeFrames", () => {
  it("runs a sequence through one engine with fresh state for each call", () => {
    const secure = "550013070173313c1b04e9820000001084f95b910519a7c20001ffffffff4500b9";
    const device = { eep: "A5-09-09", aesKey: "3a0c1b30b0a822a17a28fd01d77abdae", slf: "f3", rlcNext: "00000010" };
    expect(decodeFrames([secure, secure], device).map((o) => (o.kind === "error" ? o.error.code : o.kind))).toEqual([
      "data",
      "RLC_REPLAY",
    ]);
    expect(decodeFrames([secure], device)[0]!.kind).toBe("data");
  });
});
