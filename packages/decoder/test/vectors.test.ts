import { describe, expect, it } from "vitest";
import { decodeFrames, encodeEsp3, fromHex, parseEsp3, toHex } from "../src/index";
import { deviceOf, expectRaw, expectSection, framesOf, vectors } from "./vector-harness";

describe("shared test vectors (test/fixtures/telegrams.json) through the public API", () => {
  it("holds the whole set", () => {
    expect(vectors.length).toBe(107);
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
  });

  it("round-trips every well-formed test frame through parseEsp3 and encodeEsp3", () => {
    const frames = vectors.filter((v) => !v.expect["error"]?.value.toString().startsWith("ESP3_")).flatMap(framesOf);
    expect(frames.length).toBeGreaterThan(90);
    for (const frame of frames) {
      const encoded = toHex(encodeEsp3(parseEsp3(fromHex(frame))));
      expect(frame.endsWith(encoded), frame).toBe(true); // the resync vector has garbage before its frame
      expect(frame.length - encoded.length, frame).toBeLessThanOrEqual(6);
    }
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_, vector) => {
    const outcomes = decodeFrames(framesOf(vector), deviceOf(vector));
    const last = outcomes[outcomes.length - 1]!;
    expectSection(last, vector.section, vector.expect, vector.absent);
    if (vector.raw) expectRaw(last, vector.raw);
    if (vector.expectEach) {
      expect(vector.expectEach).toHaveLength(outcomes.length);
      vector.expectEach.forEach((each, i) => expectSection(outcomes[i]!, each.section, each.expect));
    } else {
      for (const earlier of outcomes.slice(0, -1)) expectSection(earlier, "none", {});
    }
  });
});
