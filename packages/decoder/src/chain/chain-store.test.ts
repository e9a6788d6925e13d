import { describe, expect, it } from "vitest";
import { MemoryChainStore, type ChainFragment } from "./chain-store";

const f = (idx: number, data: string, receivedAt = 0): ChainFragment => ({ idx, data, receivedAt });
const keep = { restart: false, ttlMs: 1000 };
const restart = { restart: true, ttlMs: 1000 };

describe("MemoryChainStore", () => {
  it("returns every fragment stored under a key and overwrites by idx", () => {
    const store = new MemoryChainStore();
    store.put("k", f(0, "aa"), restart);
    store.put("k", f(1, "bb"), keep);
    const all = store.put("k", f(1, "cc"), keep);
    expect(all.map((x) => [x.idx, x.data])).toEqual([
      [0, "aa"],
      [1, "cc"],
    ]);
  });

  it("drops the other fragments when a different first fragment restarts the chain", () => {
    const store = new MemoryChainStore();
    store.put("k", f(0, "aa"), restart);
    store.put("k", f(1, "bb"), keep);
    expect(store.put("k", f(0, "dd"), restart).map((x) => x.data)).toEqual(["dd"]);
  });

  it("keeps the chain when an identical first fragment is repeated", () => {
    const store = new MemoryChainStore();
    store.put("k", f(0, "aa"), restart);
    store.put("k", f(1, "bb"), keep);
    expect(
      store
        .put("k", f(0, "aa", 5), restart)
        .map((x) => x.data)
        .sort(),
    ).toEqual(["aa", "bb"]);
  });

  it("forgets an entry after its time to live, measured on the fragments' clock", () => {
    const store = new MemoryChainStore();
    store.put("k", f(0, "aa", 0), restart);
    expect(store.put("k", f(1, "bb", 999), keep)).toHaveLength(2);
    expect(store.put("k", f(2, "cc", 2000), keep).map((x) => x.idx)).toEqual([2]);
  });

  it("deletes keys and sweeps expired entries while new fragments arrive", () => {
    const store = new MemoryChainStore();
    store.put("a", f(0, "aa", 0), restart);
    store.delete("a");
    expect(store.size).toBe(0);
    for (let i = 0; i < 300; i++) store.put(`k${i}`, f(0, "aa", i * 10), restart);
    expect(store.size).toBeLessThan(300);
  });
});
