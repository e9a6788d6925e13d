import type { ProfileDefinition } from "../definition";
import { enumeration, scaled } from "./fields";

export const D2_03_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-03-0A",
    title: "Light, switching and blind control, push button – single button",
    length: 2,
    fields: [
      scaled("batteryLevel", "Battery autonomy (BATT)", 0, 8, [1, 100], [1, 100], "%"),
      enumeration("buttonAction", "Button action (BA)", 8, 8, [
        [1, "singlePress", "Single press"],
        [2, "doublePress", "Double press"],
        [3, "longPress", "Long press"],
        [4, "longPressReleased", "Long press released"],
      ]),
    ],
  },
];
