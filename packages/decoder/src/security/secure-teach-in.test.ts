import { describe, expect, it } from "vitest";
import type { ChainFragment } from "../chain/chain-store";
import { MemoryChainStore } from "../chain/chain-store";
import { DecodeError } from "../errors";
import { fromHex, toHex } from "../hex";
import { KeyCache } from "./key-cache";
import { encodeSecureTeachIn } from "./secure-encode";
import { assembleSecureTeachIn, parseSecureTeachInPart } from "./secure-teach-in";
import { SecureTeachInAssembler } from "./secure-teach-in-assembler";

const keys = new KeyCache();
const PART_1 = fromHex("20abc0ffee456e4f6365616e");
const PART_2 = fromHex("4020476d62482e313300");

const stored = (userData: Uint8Array): ChainFragment => {
  const part = parseSecureTeachInPart(userData);
  return {
    idx: part.idx,
    data: toHex(part.content),
    receivedAt: 0,
    ...(part.idx === 0 ? { info: part.infoByte } : {}),
  };
};

describe("assembleSecureTeachIn", () => {
  it("extracts SLF, RLC and key of the secure STM teach-in (A.4.1)", () => {
    expect(assembleSecureTeachIn([stored(PART_1), stored(PART_2)], {})).toEqual({
      teachInInfo: 0x20,
      idx: 0,
      cnt: 2,
      psk: false,
      ptm: false,
      info: 0,
      slf: 0xab,
      rlc: 0xc0ffee,
      rlcHex: "c0ffee",
      aesKey: "456e4f6365616e20476d62482e313300",
    });
  });

  it("waits for the missing part, whichever arrives first", () => {
    expect(assembleSecureTeachIn([stored(PART_2)], {})).toBeUndefined();
    expect(assembleSecureTeachIn([stored(PART_1)], {})).toBeUndefined();
  });

  it("decrypts RLC and key with the pre-shared key", () => {
    const parts = encodeSecureTeachIn({
      slf: 0xf3,
      rlc: 5,
      aesKey: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
      psk: "3410de8f1aba3eff9f5a117172eacabd",
    });
    expect(toHex(parts[0]!)).toBe("28f3c4b0b24abe75db03a5845e9e");
    const teachIn = assembleSecureTeachIn(parts.map(stored), { psk: keys.get("3410de8f1aba3eff9f5a117172eacabd") });
    expect(teachIn).toMatchObject({ psk: true, rlcHex: "00000005", aesKey: "0f1e2d3c4b5a69788796a5b4c3d2e1f0" });
  });

  it("needs the pre-shared key when the PSK flag is set", () => {
    const parts = encodeSecureTeachIn({ slf: 0xf3, rlc: 5, aesKey: "00".repeat(16), psk: "11".repeat(16) });
    expect(() => assembleSecureTeachIn(parts.map(stored), {})).toThrowError(
      expect.objectContaining({ code: "NO_PSK" }),
    );
  });

  it("reads the PTM type and the rocker", () => {
    const parts = encodeSecureTeachIn({ slf: 0x8b, rlc: 0x3e2d00, aesKey: "00".repeat(16), ptm: true, info: 1 });
    expect(assembleSecureTeachIn(parts.map(stored), {})).toMatchObject({
      ptm: true,
      info: 1,
      slf: 0x8b,
      rlcHex: "3e2d00",
    });
  });

  it("rejects a message too short for SLF, RLC and key", () => {
    const short = [stored(fromHex("20abc0ffee456e")), stored(fromHex("4020"))];
    expect(() => assembleSecureTeachIn(short, {})).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });
});

describe("SecureTeachInAssembler", () => {
  it("collects both telegrams through the chain store and forgets them afterwards", () => {
    const store = new MemoryChainStore();
    const assembler = new SecureTeachInAssembler(store, 300_000, () => 0);
    expect(assembler.add("019eb63b", PART_2, () => ({}))).toEqual({ pending: true });
    const done = assembler.add("019eb63b", PART_1, () => ({}));
    expect(done).toMatchObject({ aesKey: "456e4f6365616e20476d62482e313300" });
    expect(store.size).toBe(0);
  });

  it("lets a newer telegram with the same index replace an older one", () => {
    const assembler = new SecureTeachInAssembler(new MemoryChainStore(), 300_000, () => 0);
    assembler.add("019eb63b", fromHex("20abc0ffee000000000000000000"), () => ({}));
    expect(assembler.add("019eb63b", PART_1, () => ({}))).toEqual({ pending: true });
    expect(assembler.add("019eb63b", PART_2, () => ({}))).toMatchObject({ rlcHex: "c0ffee" });
  });

  it("accepts a one-telegram SEC_TI (CNT 1, as ERP2 can send it)", () => {
    const single = fromHex("10ab" + "c0ffee" + "456e4f6365616e20476d62482e313300");
    expect(
      new SecureTeachInAssembler(new MemoryChainStore(), 1, () => 0).add("019eb63b", single, () => ({})),
    ).toMatchObject({
      cnt: 1,
      aesKey: "456e4f6365616e20476d62482e313300",
    });
  });

  it("drops the collected parts when the teach-in cannot be read", () => {
    const store = new MemoryChainStore();
    const assembler = new SecureTeachInAssembler(store, 300_000, () => 0);
    const parts = encodeSecureTeachIn({ slf: 0xf3, rlc: 5, aesKey: "00".repeat(16), psk: "11".repeat(16) });
    assembler.add("0519a7c2", parts[0]!, () => ({}));
    expect(() => assembler.add("0519a7c2", parts[1]!, () => ({}))).toThrow(DecodeError);
    expect(store.size).toBe(0);
  });
});
