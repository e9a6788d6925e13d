import { describe, expect, it } from "vitest";
import { andThen, isPromiseLike } from "./maybe-promise";

describe("MaybePromise", () => {
  it("continues synchronously with plain values", () => {
    const result = andThen(2, (x) => x * 3);
    expect(result).toBe(6);
  });

  it("continues after a promise resolves", async () => {
    const result = andThen(Promise.resolve(2), (x) => x * 3);
    expect(isPromiseLike(result)).toBe(true);
    expect(await result).toBe(6);
  });

  it("tells thenables from other values", () => {
    expect(isPromiseLike({ then: () => undefined })).toBe(true);
    expect(isPromiseLike([1, 2])).toBe(false);
    expect(isPromiseLike(null)).toBe(false);
    expect(isPromiseLike(undefined)).toBe(false);
  });
});
