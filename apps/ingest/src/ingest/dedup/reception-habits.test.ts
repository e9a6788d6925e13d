import { describe, expect, it } from "vitest";
import { ReceptionHabits } from "./reception-habits";

describe("reception habits", () => {
  it("knows nothing of a sender it has not heard, and then expects its telegrams' receptions", () => {
    const habits = new ReceptionHabits();
    expect(habits.expected("t:01"), "unknown: wait out the gathering").toBeUndefined();
    habits.learn("t:01", 3);
    expect(habits.expected("t:01")).toBe(3);
    habits.learn("t:01", 4);
    expect(habits.expected("t:01"), "a new gateway hears it").toBe(4);
  });

  it("lowers the expectation only after eight telegrams in a row had fewer receptions", () => {
    const habits = new ReceptionHabits();
    habits.learn("t:01", 3);
    for (let i = 0; i < 7; i++) habits.learn("t:01", i % 2 ? 2 : 1);
    expect(habits.expected("t:01"), "one gateway missing a few telegrams changes nothing").toBe(3);
    habits.learn("t:01", 3);
    for (let i = 0; i < 7; i++) habits.learn("t:01", 2);
    expect(habits.expected("t:01"), "the run started again").toBe(3);
    habits.learn("t:01", 2);
    expect(habits.expected("t:01"), "a gateway is gone").toBe(2);
  });

  it("expects one reception more after a copy arrived too late", () => {
    const habits = new ReceptionHabits();
    habits.learn("t:01", 2);
    habits.lateCopy("t:01");
    expect(habits.expected("t:01")).toBe(3);
    habits.lateCopy("t:unknown");
    expect(habits.expected("t:unknown")).toBeUndefined();
  });
});
