import type { ProfileDefinition } from "../definition";
import { enumeration, number, scaled } from "./fields";

// Layout of the EEP viewer XML (level 0..255 -> 0..100 %, 7-bit error code at offset 16); the
// approved proposal v1.1 differs (eep-profiles.md D2-B1-00, conflict [C]).
export const D2_B1_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-B1-00",
    title: "Level sensor, dispenser",
    length: 3,
    fields: [
      number("channel", "Channel number", 0, 8),
      scaled("levelOfMaterial", "Level of Material", 8, 8, [0, 255], [0, 100], "%"),
      enumeration("errorCode", "Error code", 16, 7, [
        [0, "noError", "No Error"],
        [1, "measurementsNotReliable", "Measurements not reliable"],
        [2, "deviceEmpty", "Device empty"],
        [3, "loopLineAtGround", "Loop line at ground"],
        [4, "malfunctionOfInternalIrSensor", "malfunction of internal IR-sensor"],
        [5, "communicationErrorWithSensors", "Communication error with sensors"],
      ]),
    ],
  },
];
