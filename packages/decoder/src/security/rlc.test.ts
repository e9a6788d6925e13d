import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { readRlc, rlcBytes, searchRlc, type RlcPolicy } from "./rlc";
import { parseSlf } from "./slf";

const policy: RlcPolicy = { window: 128, explicitWindow: Number.POSITIVE_INFINITY };
const only = (rlc: number) => (candidate: number | undefined) => candidate === rlc;

describe("rlcBytes / readRlc", () => {
  it("writes and reads big-endian RLCs of 2, 3 and 4 bytes", () => {
    expect(toHex(rlcBytes(0xc0ffee, 3))).toBe("c0ffee");
    expect(toHex(rlcBytes(0xfffffffe, 4))).toBe("fffffffe");
    expect(toHex(rlcBytes(0x1234, 2))).toBe("1234");
    expect(readRlc(fromHex("fffffffe"))).toBe(0xfffffffe);
  });
});

describe("searchRlc", () => {
  describe("explicit RLC (SLF F3, 32 bits transmitted)", () => {
    const slf = parseSlf(0xf3);
    it("accepts the transmitted value when it is not below the expected one", () => {
      expect(searchRlc(slf, fromHex("00000010"), 0x10, policy, only(0x10))).toEqual({
        kind: "accepted",
        rlc: 0x10,
        next: 0x11,
      });
      expect(searchRlc(slf, fromHex("00000500"), 0x10, policy, only(0x500))).toEqual({
        kind: "accepted",
        rlc: 0x500,
        next: 0x501,
      });
    });
    it("reports a replay for a verified value below the expected one", () => {
      expect(searchRlc(slf, fromHex("00000010"), 0x11, policy, only(0x10))).toEqual({ kind: "replay", rlc: 0x10 });
    });
    it("reports a MAC failure before judging the RLC", () => {
      expect(searchRlc(slf, fromHex("00000010"), 0x11, policy, () => false)).toEqual({ kind: "mac" });
    });
    it("rejects a jump beyond the configured explicit window", () => {
      const narrow = { ...policy, explicitWindow: 1000 };
      expect(searchRlc(slf, fromHex("00001000"), 0x10, narrow, only(0x1000))).toEqual({
        kind: "outOfWindow",
        rlc: 0x1000,
      });
      expect(searchRlc(slf, fromHex("00000100"), 0x10, narrow, only(0x100)).kind).toBe("accepted");
    });
    it("accepts any value when nothing is known yet (out-of-band onboarding)", () => {
      expect(searchRlc(slf, fromHex("12345678"), undefined, policy, only(0x12345678)).kind).toBe("accepted");
    });
  });

  describe("32-bit RLC with 24 bits transmitted (SLF CB)", () => {
    const slf = parseSlf(0xcb);
    it("completes the upper byte from the expected RLC", () => {
      expect(searchRlc(slf, fromHex("000020"), 0x05000010, policy, only(0x05000020))).toMatchObject({
        rlc: 0x05000020,
      });
    });
    it("moves to the next upper byte when the low 24 bits wrapped", () => {
      expect(searchRlc(slf, fromHex("000002"), 0x05fffff0, policy, only(0x06000002))).toMatchObject({
        kind: "accepted",
        rlc: 0x06000002,
      });
    });
    it("recognises a replay from the current upper byte", () => {
      expect(searchRlc(slf, fromHex("000005"), 0x05000010, policy, only(0x05000005))).toEqual({
        kind: "replay",
        rlc: 0x05000005,
      });
    });
  });

  describe("implicit RLC (SLF 8B, 24 bits, window)", () => {
    const slf = parseSlf(0x8b);
    const empty = new Uint8Array(0);
    it("tries the expected value and the following ones within the window", () => {
      expect(searchRlc(slf, empty, 0x3e2d00, policy, only(0x3e2d00))).toEqual({
        kind: "accepted",
        rlc: 0x3e2d00,
        next: 0x3e2d01,
      });
      expect(searchRlc(slf, empty, 0x3e2d00, policy, only(0x3e2d00 + 127))).toMatchObject({ rlc: 0x3e2d00 + 127 });
    });
    it("fails with a MAC error just outside the window", () => {
      expect(searchRlc(slf, empty, 0x3e2d00, policy, only(0x3e2d00 + 128))).toEqual({ kind: "mac" });
      expect(searchRlc(slf, empty, 0x3e2d00, { ...policy, window: 200 }, only(0x3e2d00 + 128)).kind).toBe("accepted");
    });
    it("rolls over at 2^24", () => {
      expect(searchRlc(slf, empty, 0xfffffe, policy, only(1))).toEqual({ kind: "accepted", rlc: 1, next: 2 });
      expect(searchRlc(slf, empty, 0xffffff, policy, only(0xffffff))).toEqual({
        kind: "accepted",
        rlc: 0xffffff,
        next: 0,
      });
    });
    it("recognises an old telegram behind the expected value as a replay", () => {
      expect(searchRlc(slf, empty, 0x3e2d10, policy, only(0x3e2d00))).toEqual({ kind: "replay", rlc: 0x3e2d00 });
    });
    it("works with the legacy 16-bit implicit counter", () => {
      expect(searchRlc(parseSlf(0x4b), empty, 0xfffe, policy, only(0x0003))).toEqual({
        kind: "accepted",
        rlc: 3,
        next: 4,
      });
    });
  });

  it("verifies once and has no RLC when the SLF has none", () => {
    const slf = parseSlf(0x13);
    expect(searchRlc(slf, new Uint8Array(0), undefined, policy, (rlc) => rlc === undefined)).toEqual({
      kind: "accepted",
      rlc: undefined,
      next: undefined,
    });
  });
});
