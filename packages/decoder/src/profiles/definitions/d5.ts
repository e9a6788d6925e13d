import type { ProfileDefinition } from "../definition";
import { enumeration } from "./fields";

export const D5_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D5-00-01",
    title: "Contacts and switches, single input contact",
    fields: [
      enumeration("learn", "Learn Button (LRN)", 4, 1, [
        [0, "pressed", "pressed"],
        [1, "notPressed", "not pressed"],
      ]),
      enumeration("contact", "Contact (CO)", 7, 1, [
        [0, "open", "open"],
        [1, "closed", "closed"],
      ]),
    ],
  },
];
