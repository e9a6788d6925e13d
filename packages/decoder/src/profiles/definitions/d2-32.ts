import type { ProfileDefinition } from "../definition";
import { enumeration, number } from "./fields";

// D2-32: A.C. current clamps. The divisor bit applies to every channel: amps = raw (DIV 0) or
// raw / 10 (DIV 1).

const currentChannel = (channel: number, offset: number) =>
  number(`currentChannel${channel}`, `Channel ${channel} (CH${channel})`, offset, 12, {
    unit: "A",
    divisorBy: { offset: 1, size: 1, decimals: { 0: 0, 1: 1 } },
  });

const header = [
  enumeration("powerFailureDetected", "Power Fail (PF)", 0, 1, [
    [0, "False", "False"],
    [1, "True", "True"],
  ]),
  enumeration("divisor", "Divisor (DIV)", 1, 1, [
    [0, "x/1", "x/1"],
    [1, "x/10", "x/10"],
  ]),
];

export const D2_32_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-32-00",
    title: "A.C. current clamp, 1 channel",
    length: 3,
    fields: [...header, currentChannel(1, 8)],
  },
  {
    eep: "D2-32-01",
    title: "A.C. current clamp, 2 channels",
    length: 4,
    fields: [...header, currentChannel(1, 8), currentChannel(2, 20)],
  },
  {
    eep: "D2-32-02",
    title: "A.C. current clamp, 3 channels",
    length: 6,
    fields: [...header, currentChannel(1, 8), currentChannel(2, 20), currentChannel(3, 32)],
  },
];
