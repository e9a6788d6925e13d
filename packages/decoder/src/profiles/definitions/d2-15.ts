import type { ProfileDefinition } from "../definition";
import { enumeration, number, scaled } from "./fields";

export const D2_15_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-15-00",
    title: "Occupancy, people activity counter",
    length: 3,
    fields: [
      enumeration("presence", "Presence (PRE)", 0, 2, [
        [0, "present", "Present"],
        [1, "notPresent", "Not present"],
        [2, "notDetectable", "Not detectable"],
        [3, "presenceDetectionError", "Presence Detection Error"],
      ]),
      enumeration("energyStorage", "Energy Storage (ES)", 2, 2, [
        [0, "high", "High"],
        [1, "medium", "Medium"],
        [2, "low", "Low"],
        [3, "critical", "Critical"],
      ]),
      scaled("pirUpdateRate", "PIR Update Rate (PUR)", 4, 4, [0, 15], [1, 16], "s"),
      number("pirUpdateCounter", "PIR Update Counter (PUC)", 8, 16),
    ],
  },
];
