import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { unwrapAdt } from "./adt";

describe("unwrapAdt", () => {
  it("returns the original R-ORG, data and the destination inside the telegram", () => {
    const inner = unwrapAdt(fromHex("a500005008ffa12380"));
    expect(inner.rorg).toBe(0xa5);
    expect(toHex(inner.payload)).toBe("00005008");
    expect(inner.destination).toBe("ffa12380");
  });

  it("unwraps a one-byte original telegram", () => {
    const inner = unwrapAdt(fromHex("d5080190aabb"));
    expect([inner.rorg, toHex(inner.payload), inner.destination]).toEqual([0xd5, "08", "0190aabb"]);
  });

  it("rejects an addressed telegram without data or destination", () => {
    expect(() => unwrapAdt(fromHex("d50190aabb"))).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });
});
