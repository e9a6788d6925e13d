import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { assembleChain, parseCdmFragment } from "./cdm";
import type { ChainFragment } from "./chain-store";

describe("parseCdmFragment", () => {
  it("reads SEQ, IDX, LEN and the R-ORG of a first CDM telegram", () => {
    const first = parseCdmFragment(fromHex("400011d10790010200"), false);
    expect(first).toMatchObject({ seq: 1, idx: 0, length: 17, rorg: 0xd1 });
    expect(toHex(first.content)).toBe("0790010200");
  });

  it("reads a following telegram", () => {
    const next = parseCdmFragment(fromHex("4204201c1c00010000"), false);
    expect(next).toMatchObject({ seq: 1, idx: 2 });
    expect(next.length).toBeUndefined();
    expect(toHex(next.content)).toBe("04201c1c00010000");
  });

  it("has no R-ORG in a first SEC_CDM telegram", () => {
    const first = parseCdmFragment(fromHex("400027bb17c17a05caf5575de2"), true);
    expect(first).toMatchObject({ seq: 1, idx: 0, length: 39 });
    expect(first.rorg).toBeUndefined();
    expect(toHex(first.content)).toBe("bb17c17a05caf5575de2");
  });

  it("rejects telegrams too short for their header", () => {
    expect(() => parseCdmFragment(fromHex("40"), false)).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
    expect(() => parseCdmFragment(fromHex("400011"), false)).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });
});

describe("assembleChain", () => {
  const fragment = (idx: number, data: string, extra: Partial<ChainFragment> = {}): ChainFragment => ({
    idx,
    data,
    receivedAt: 0,
    ...extra,
  });

  it("concatenates fragments in IDX order whatever order they are stored in and cuts at LEN", () => {
    const chain = assembleChain([
      fragment(2, "00000000ffff"),
      fragment(0, "0790010200", { length: 17, rorg: 0xd1 }),
      fragment(1, "04201c1c00010000"),
    ]);
    expect(chain?.rorg).toBe(0xd1);
    expect(toHex(chain!.data)).toBe("079001020004201c1c0001000000000000");
  });

  it("waits while the first fragment or a middle fragment is missing", () => {
    expect(assembleChain([fragment(1, "aa"), fragment(2, "bb")])).toBeUndefined();
    expect(assembleChain([fragment(0, "aa", { length: 3, rorg: 0xd1 }), fragment(2, "bb")])).toBeUndefined();
  });

  it("completes when enough bytes arrived", () => {
    expect(assembleChain([fragment(0, "aabb", { length: 2, rorg: 0xd1 })])?.data).toEqual(fromHex("aabb"));
  });
});
