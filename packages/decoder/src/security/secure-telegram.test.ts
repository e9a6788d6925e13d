import { describe, expect, it } from "vitest";
import { DecodeError } from "../errors";
import { fromHex, toHex } from "../hex";
import { KeyCache } from "./key-cache";
import { DEFAULT_RLC_POLICY } from "./rlc";
import { MemoryRlcStore, type RlcStore } from "./rlc-store";
import { encodeSecureTelegram } from "./secure-encode";
import { openSecureTelegram, type OpenedSecureTelegram } from "./secure-telegram";
import { parseSlf } from "./slf";

const keys = new KeyCache();
const STM_KEY = "456e4f6365616e20476d62482e313300";

function open(body: string, slf: number, store: RlcStore, initialNext?: number, rorg = 0x31, isPtm = false) {
  return openSecureTelegram(
    { rorg, body: fromHex(body), key: keys.get(STM_KEY), slf: parseSlf(slf), isPtm },
    "019eb63b",
    initialNext,
    store,
    DEFAULT_RLC_POLICY,
  ) as OpenedSecureTelegram | DecodeError;
}

describe("openSecureTelegram", () => {
  it("verifies and decrypts the secure STM telegram of the specification (A.4.1)", () => {
    const store = new MemoryRlcStore();
    const opened = open("3eeac4a2dfc0ffeeeaf20e", 0xab, store, 0xc0ffee) as OpenedSecureTelegram;
    expect(opened.rorg).toBe(0xa5);
    expect(toHex(opened.payload)).toBe("0827ff80");
    expect(opened.rlcHex).toBe("c0ffee");
    expect(store.get("019eb63b")).toBe(0xc0ffef);
  });

  it("rejects the same telegram a second time as a replay", () => {
    const store = new MemoryRlcStore();
    open("3eeac4a2dfc0ffeeeaf20e", 0xab, store, 0xc0ffee);
    expect((open("3eeac4a2dfc0ffeeeaf20e", 0xab, store, 0xc0ffee) as DecodeError).code).toBe("RLC_REPLAY");
  });

  it("rejects a wrong CMAC and leaves the RLC state alone", () => {
    const store = new MemoryRlcStore([["019eb63b", 0xc0ffee]]);
    expect((open("3eeac4a2dfc0ffeeeaf20f", 0xab, store) as DecodeError).code).toBe("MAC_VALIDATION_ERROR");
    expect(store.get("019eb63b")).toBe(0xc0ffee);
  });

  it("prefers the store's RLC over the device's initial value", () => {
    const store = new MemoryRlcStore([["019eb63b", 0xc0fff0]]);
    expect((open("3eeac4a2dfc0ffeeeaf20e", 0xab, store, 0x000001) as DecodeError).code).toBe("RLC_REPLAY");
  });

  it("opens a PTM telegram with an implicit RLC and keeps the low nibble (A.4.2)", () => {
    const store = new MemoryRlcStore();
    const opened = open("0e05e56d", 0x8b, store, 0x3e2d00, 0x30, true) as OpenedSecureTelegram;
    expect(opened.rorg).toBe(0x32);
    expect(toHex(opened.payload)).toBe("09");
    expect(opened.rlcHex).toBe("3e2d00");
    expect(store.get("019eb63b")).toBe(0x3e2d01);
  });

  it("finds an implicit RLC further in the window and resynchronises after it", () => {
    const store = new MemoryRlcStore([["019eb63b", 0x3e2cf0]]);
    const opened = open("0e05e56d", 0x8b, store, undefined, 0x30, true) as OpenedSecureTelegram;
    expect(opened.rlcHex).toBe("3e2d00");
    expect(store.get("019eb63b")).toBe(0x3e2d01);
  });

  it("authenticates without decrypting when the SLF has no encryption", () => {
    const sealed = encodeSecureTelegram({ aesKey: STM_KEY, slf: 0xf0 | 0x10, rlc: 7, rorg: 0xd5, data: fromHex("09") });
    const opened = open(toHex(sealed.data), 0xf0 | 0x10, new MemoryRlcStore()) as OpenedSecureTelegram;
    expect([opened.rorg, toHex(opened.payload)]).toEqual([0xd5, "09"]);
  });

  it("rejects a body too short for its SLF", () => {
    expect((open("aabbccdd", 0xf3, new MemoryRlcStore()) as DecodeError).code).toBe("TELEGRAM_MALFORMED");
  });

  it("re-reads the state when another worker advanced the RLC in between", () => {
    // The store answers get() with the old value once, then the compare-and-set fails because a
    // concurrent worker accepted this very telegram: the result is a replay, not a double accept.
    const inner = new MemoryRlcStore([["019eb63b", 0xc0ffee]]);
    let first = true;
    const racing: RlcStore = {
      get: (id) => inner.get(id),
      compareAndSet: (id, expected, next) => {
        if (first) {
          first = false;
          inner.set(id, 0xc0ffef);
          return false;
        }
        return inner.compareAndSet(id, expected, next);
      },
    };
    expect((open("3eeac4a2dfc0ffeeeaf20e", 0xab, racing) as DecodeError).code).toBe("RLC_REPLAY");
  });

  it("works through a store that answers with promises", async () => {
    const inner = new MemoryRlcStore([["019eb63b", 0xc0ffee]]);
    const asyncStore: RlcStore = {
      get: async (id) => inner.get(id),
      compareAndSet: async (id, expected, next) => inner.compareAndSet(id, expected, next),
    };
    const result = openSecureTelegram(
      {
        rorg: 0x31,
        body: fromHex("3eeac4a2dfc0ffeeeaf20e"),
        key: keys.get(STM_KEY),
        slf: parseSlf(0xab),
        isPtm: false,
      },
      "019eb63b",
      undefined,
      asyncStore,
      DEFAULT_RLC_POLICY,
    );
    expect(result).toBeInstanceOf(Promise);
    expect(toHex(((await result) as OpenedSecureTelegram).payload)).toBe("0827ff80");
    expect(inner.get("019eb63b")).toBe(0xc0ffef);
  });
});

describe("KeyCache", () => {
  it("rejects keys that are not 32 hex digits", () => {
    expect(() => new KeyCache().get("1234")).toThrowError(expect.objectContaining({ code: "SECURITY_CONFIG_INVALID" }));
  });

  it("returns the same material for the same key and evicts the oldest beyond its limit", () => {
    const cache = new KeyCache(2);
    const a = cache.get(STM_KEY);
    expect(cache.get(STM_KEY)).toBe(a);
    cache.get("00".repeat(16));
    cache.get("11".repeat(16));
    expect(cache.get(STM_KEY)).not.toBe(a);
  });
});
