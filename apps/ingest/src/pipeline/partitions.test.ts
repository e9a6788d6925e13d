import { describe, expect, it } from "vitest";
import { partitionOf } from "./partitions";

const erp1 = (sender: string) => ({
  type: 1,
  data: Uint8Array.from(Buffer.from(`a500005008${sender}01`, "hex")),
  optionalData: new Uint8Array(7),
});

describe("partitionOf", () => {
  it("keeps one device of one tenant in one partition", () => {
    const p = partitionOf("tenant-a", erp1("051b03c9"), 16);
    for (let i = 0; i < 5; i++) expect(partitionOf("tenant-a", erp1("051b03c9"), 16)).toBe(p);
  });
  it("spreads devices over the partitions", () => {
    const used = new Set<number>();
    for (let i = 0; i < 200; i++) used.add(partitionOf("tenant-a", erp1(i.toString(16).padStart(8, "0")), 16));
    expect(used.size).toBe(16);
  });
  it("puts frames without a sender in partition 0", () => {
    expect(partitionOf("tenant-a", { type: 2, data: Uint8Array.of(0), optionalData: new Uint8Array() }, 16)).toBe(0);
    expect(partitionOf("tenant-a", erp1("051b03c9"), 1)).toBe(0);
  });
});
