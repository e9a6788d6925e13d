import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled } from "./fields";

const level = (key: string, description: string, offset: number) =>
  enumeration(key, description, offset, 1, [
    [0, "low", "Low"],
    [1, "high", "High"],
  ]);

export const A5_30_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-30-01",
    title: "Digital input, single input contact, battery monitor",
    fields: [
      enumeration("batteryStatus", "Supply voltage / battery status (SVC)", 8, 8, [
        [[0, 120], "batteryLow", "Battery low"],
        [[121, 255], "batteryOk", "Battery OK"],
      ]),
      enumeration("inputState", "Input State (IPS)", 16, 8, [
        [[0, 195], "contactClosed", "Contact closed"],
        [[196, 255], "contactOpen", "Contact open"],
      ]),
      LEARN_4BS,
    ],
  },
  {
    eep: "A5-30-02",
    title: "Digital input, single input contact",
    fields: [
      LEARN_4BS,
      enumeration("inputState", "Input State (IPS)", 31, 1, [
        [0, "contactClosed", "Contact closed"],
        [1, "contactOpen", "Contact open"],
      ]),
    ],
  },
  {
    eep: "A5-30-03",
    title: "Digital input, 4 digital inputs, wake and temperature",
    fields: [
      scaled("temperature", "Temperature (TMP)", 8, 8, [255, 0], [0, 40], "°C"),
      level("wake", "Status of Wake (WA0)", 19),
      level("digitalInput3", "Digital Input 3 (DI3)", 20),
      level("digitalInput2", "Digital Input 2 (DI2)", 21),
      level("digitalInput1", "Digital Input 1 (DI1)", 22),
      level("digitalInput0", "Digital Input 0 (DI0)", 23),
      LEARN_4BS,
    ],
  },
];
