import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { splitIntoChain } from "./chain-encode";

describe("splitIntoChain", () => {
  it("splits a VLD message into the CDM telegrams of the shared vectors", () => {
    const parts = splitIntoChain(0xd2, fromHex("9fce800863b502a620"), { seq: 2, firstChunk: 5, chunk: 4 });
    expect(parts.map((p) => `${p.rorg.toString(16)}:${toHex(p.data)}`)).toEqual([
      "40:800009d29fce800863",
      "40:81b502a620",
    ]);
  });

  it("splits a SEC_R message into the SEC_CDM telegrams of security spec A.4.3", () => {
    const message = fromHex("bb17c17a05caf5575de208302fb572a0fd3a4434a41096f102e60dc20d777a010203043b4c380f");
    const parts = splitIntoChain(undefined, message);
    expect(parts.map((p) => `${p.rorg.toString(16)}:${toHex(p.data)}`)).toEqual([
      "33:400027bb17c17a05caf5575de2",
      "33:4108302fb572a0fd3a4434a41096",
      "33:42f102e60dc20d777a010203043b",
      "33:434c380f",
    ]);
  });

  it("refuses what cannot be chained", () => {
    expect(() => splitIntoChain(0xd2, new Uint8Array(1000), { chunk: 1 })).toThrow(RangeError);
    expect(() => splitIntoChain(0xd2, new Uint8Array(4), { seq: 4 })).toThrow(RangeError);
  });
});
