import { describe, expect, it } from "vitest";
import { DecodeError } from "../errors";
import { fromHex, toHex } from "../hex";
import { ChainAssembler, type ChainStep } from "./chain-assembler";
import { MemoryChainStore, type ChainStore } from "./chain-store";

const SENDER = "042058a5";
const PARTS = ["400011d10790010200", "4104201c1c00010000", "4200000000"].map(fromHex);

function setup(timeoutMs = 3000) {
  let clock = 1_000;
  const store = new MemoryChainStore();
  const assembler = new ChainAssembler(store, timeoutMs, () => clock);
  return { assembler, store, advance: (ms: number) => (clock += ms) };
}

function content(step: ChainStep): string {
  if (step instanceof DecodeError || "pending" in step) throw new Error(`not complete: ${JSON.stringify(step)}`);
  return `${step.rorg?.toString(16)}:${toHex(step.data)}`;
}

describe("ChainAssembler", () => {
  it("reassembles a three-part chain and reports pending parts before", () => {
    const { assembler, store } = setup();
    expect(assembler.add(SENDER, 0x40, PARTS[0]!)).toEqual({ pending: true });
    expect(assembler.add(SENDER, 0x40, PARTS[1]!)).toEqual({ pending: true });
    const done = assembler.add(SENDER, 0x40, PARTS[2]!) as ChainStep;
    expect(content(done)).toBe("d1:079001020004201c1c0001000000000000");
    expect(done).toMatchObject({ chainRorg: 0x40, seq: 1, fragments: 3 });
    expect(store.size).toBe(0);
  });

  it("ignores repeated copies of a fragment", () => {
    const { assembler } = setup();
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add(SENDER, 0x40, PARTS[1]!);
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add(SENDER, 0x40, PARTS[1]!);
    expect(content(assembler.add(SENDER, 0x40, PARTS[2]!) as ChainStep)).toBe("d1:079001020004201c1c0001000000000000");
  });

  it("keeps chains of different senders and sequence numbers apart", () => {
    const { assembler } = setup();
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add("01020304", 0x40, fromHex("800002d2aa"));
    assembler.add(SENDER, 0x40, PARTS[1]!);
    expect(content(assembler.add("01020304", 0x40, fromHex("81bb")) as ChainStep)).toBe("d2:aabb");
    expect(content(assembler.add(SENDER, 0x40, PARTS[2]!) as ChainStep)).toContain("d1:0790");
  });

  it("completes a chain whose first telegram already holds the whole message", () => {
    const { assembler, store } = setup();
    expect(content(assembler.add(SENDER, 0x40, fromHex("400002d2aabb")) as ChainStep)).toBe("d2:aabb");
    expect(store.size).toBe(0);
  });

  it("reports CHAIN_TIMEOUT for a fragment arriving later than the timeout after the previous one", () => {
    const { assembler, advance } = setup(3000);
    assembler.add(SENDER, 0x40, PARTS[0]!);
    advance(2000);
    assembler.add(SENDER, 0x40, PARTS[1]!);
    advance(3001);
    const late = assembler.add(SENDER, 0x40, PARTS[2]!);
    expect(late).toBeInstanceOf(DecodeError);
    expect((late as DecodeError).code).toBe("CHAIN_TIMEOUT");
  });

  it("counts the timeout from the last fragment, not from the first", () => {
    const { assembler, advance } = setup(3000);
    assembler.add(SENDER, 0x40, PARTS[0]!);
    advance(2500);
    assembler.add(SENDER, 0x40, PARTS[1]!);
    advance(2500);
    expect(content(assembler.add(SENDER, 0x40, PARTS[2]!) as ChainStep)).toContain("d1:");
  });

  it("reports CHAIN_ORPHAN_FRAGMENT for a fragment whose chain never started", () => {
    const { assembler, store } = setup();
    const orphan = assembler.add(SENDER, 0x40, PARTS[1]!);
    expect((orphan as DecodeError).code).toBe("CHAIN_ORPHAN_FRAGMENT");
    expect(store.size).toBe(0);
  });

  it("starts over when a new first fragment with the same SEQ arrives", () => {
    const { assembler } = setup();
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add(SENDER, 0x40, fromHex("400003d2aa"));
    expect(content(assembler.add(SENDER, 0x40, fromHex("41bbcc")) as ChainStep)).toBe("d2:aabbcc");
  });

  it("starts over when the first fragment repeats an abandoned, timed-out chain", () => {
    const { assembler, advance } = setup(3000);
    assembler.add(SENDER, 0x40, PARTS[0]!);
    assembler.add(SENDER, 0x40, fromHex("4104201c1c00010000"));
    advance(5000);
    expect(assembler.add(SENDER, 0x40, PARTS[0]!)).toEqual({ pending: true });
    // The stale second part must not complete the new chain.
    expect(assembler.add(SENDER, 0x40, fromHex("4211111111111111"))).toEqual({ pending: true });
  });

  it("rejects a malformed chain telegram", () => {
    const { assembler } = setup();
    expect(() => assembler.add(SENDER, 0x40, fromHex("40"))).toThrowError(
      expect.objectContaining({ code: "TELEGRAM_MALFORMED" }),
    );
  });

  it("works through a store that answers with promises", async () => {
    const memory = new MemoryChainStore();
    const asyncStore: ChainStore = {
      put: async (key, fragment, options) => memory.put(key, fragment, options),
      delete: async (key) => memory.delete(key),
    };
    const assembler = new ChainAssembler(asyncStore, 3000, () => 0);
    expect(await assembler.add(SENDER, 0x40, PARTS[0]!)).toEqual({ pending: true });
    expect(await assembler.add(SENDER, 0x40, PARTS[1]!)).toEqual({ pending: true });
    expect(content(await assembler.add(SENDER, 0x40, PARTS[2]!))).toContain("d1:0790");
    expect(memory.size).toBe(0);
  });
});
