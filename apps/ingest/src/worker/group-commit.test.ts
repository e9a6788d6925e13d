import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A write that records its groups and finishes when told to. */
function gatedWrites(fail?: (items: string[]) => boolean) {
  const groups: string[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(items);
      gates.push(() => (fail?.(items) ? reject(new Error(`bad ${items.join(",")}`)) : resolve()));
    });
  const openNext = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
    gates.shift()!();
  };
  return { write, groups, openNext };
}

describe("GroupCommit", () => {
  it("writes what arrives in one event-loop turn as one group", async () => {
    const { write, groups, openNext } = gatedWrites();
    const commit = new GroupCommit(write);
    const done = Promise.all([commit.submit("a"), commit.submit("b"), commit.submit("c")]);
    await openNext();
    await done;
    expect(groups).toEqual([["a", "b", "c"]]);
  });

  it("writes what arrives while a write is in flight together, once it ends", async () => {
    const { write, groups, openNext } = gatedWrites();
    const commit = new GroupCommit(write);
    const first = commit.submit("a");
    await new Promise((r) => setTimeout(r, 5));
    const later = [commit.submit("b"), commit.submit("c")];
    await new Promise((r) => setTimeout(r, 5));
    const d = commit.submit("d");
    expect(commit.backlog).toBe(3);
    await openNext();
    await first;
    await openNext();
    await Promise.all([...later, d]);
    expect(groups).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("when a group fails, writes its items one by one so that only the bad one fails", async () => {
    const { write, groups, openNext } = gatedWrites((items) => items.includes("bad"));
    const commit = new GroupCommit(write);
    const results = Promise.allSettled([commit.submit("a"), commit.submit("bad"), commit.submit("c")]);
    for (let i = 0; i < 4; i++) await openNext();
    const settled = await results;
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe("bad bad");
    expect(groups).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("keeps a group within its size, but never leaves a large item behind", async () => {
    const { write, groups, openNext } = gatedWrites();
    const commit = new GroupCommit(write, { sizeOf: (item: string) => item.length, maxSize: 4 });
    const done = Promise.all(["aa", "bb", "c", "dddddd", "e"].map((item) => commit.submit(item)));
    for (let i = 0; i < 4; i++) await openNext();
    await done;
    expect(groups).toEqual([["aa", "bb"], ["c"], ["dddddd"], ["e"]]);
  });
});
