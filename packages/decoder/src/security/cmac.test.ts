import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { Aes128 } from "./aes";
import { Cmac } from "./cmac";

const cmacFor = (key: string) => new Cmac(new Aes128(fromHex(key)));

describe("Cmac (AES-CMAC, RFC 4493)", () => {
  const rfc = cmacFor("2b7e151628aed2a6abf7158809cf4f3c");
  const message =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

  it("derives the subkeys of RFC 4493", () => {
    expect(toHex(rfc.k1)).toBe("fbeed618357133667c85e08f7236a8de");
    expect(toHex(rfc.k2)).toBe("f7ddac306ae266ccf90bc11ee46d513b");
  });

  it("reproduces RFC 4493 examples 1 to 4 (0, 16, 40 and 64 bytes)", () => {
    expect(toHex(rfc.compute(new Uint8Array(0)))).toBe("bb1d6929e95937287fa37d129b756746");
    expect(toHex(rfc.compute(fromHex(message.slice(0, 32))))).toBe("070a16b46b4d4144f79bdd9dd04a287c");
    expect(toHex(rfc.compute(fromHex(message.slice(0, 80))))).toBe("dfa66747de9ae63030ca32611497c827");
    expect(toHex(rfc.compute(fromHex(message)))).toBe("51f0bebf7e3b9d92fc49741779363cfe");
  });

  it("reproduces the secure STM example of the security specification (A.4.1)", () => {
    const cmac = cmacFor("456e4f6365616e20476d62482e313300");
    expect(toHex(cmac.k1)).toBe("ba4355125bbe7972cf86286d344e46f7");
    expect(toHex(cmac.k2)).toBe("7486aa24b77cf2e59f0c50da689c8d69");
    expect(toHex(cmac.compute(fromHex("313eeac4a2dfc0ffee")))).toBe("eaf20eed28679f641c15b10b9308d0d4");
  });

  it("verifies truncated tags and rejects a single wrong bit", () => {
    const cmac = cmacFor("456e4f6365616e20476d62482e313300");
    expect(cmac.verify(fromHex("313eeac4a2dfc0ffee"), fromHex("eaf20e"))).toBe(true);
    expect(cmac.verify(fromHex("313eeac4a2dfc0ffee"), fromHex("eaf20eed"))).toBe(true);
    expect(cmac.verify(fromHex("313eeac4a2dfc0ffee"), fromHex("eaf20f"))).toBe(false);
    expect(cmac.verify(fromHex("313eeac4a2dfc0ffef"), fromHex("eaf20e"))).toBe(false);
  });

  it("reproduces the PTM and chained-data CMACs of the specification (A.4.2, A.4.3)", () => {
    expect(toHex(cmacFor("456e4f6365616e20476d62482e313300").compute(fromHex("300e3e2d00"))).slice(0, 6)).toBe(
      "05e56d",
    );
    const chained = fromHex("31bb17c17a05caf5575de208302fb572a0fd3a4434a41096f102e60dc20d777a01020304");
    expect(toHex(cmacFor("e50880cf67790d5d66aa7f3b7ad77a3f").compute(chained)).slice(0, 8)).toBe("3b4c380f");
  });
});
