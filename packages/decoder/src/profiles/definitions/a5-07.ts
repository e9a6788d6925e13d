import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, supplyVoltage250, whenBit } from "./fields";

const PIR_STATUS_BIT = enumeration("pirStatus", "PIR Status (PIRS)", 24, 1, [
  [0, "uncertain", "Uncertain of occupancy status"],
  [1, "motionDetected", "Motion detected"],
]);

export const A5_07_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-07-01",
    title: "Occupancy sensor with supply voltage monitor",
    fields: [
      supplyVoltage250(0, whenBit(31)),
      enumeration("pirStatus", "PIR Status (PIRS)", 16, 8, [
        [[0, 127], "pirOff", "PIR off"],
        [[128, 255], "pirOn", "PIR on"],
      ]),
      LEARN_4BS,
      enumeration("supplyVoltageAvailability", "Supply voltage availability (SVA)", 31, 1, [
        [0, "notSupported", "Supply voltage is not supported"],
        [1, "supported", "Supply voltage is supported"],
      ]),
    ],
  },
  {
    eep: "A5-07-02",
    title: "Occupancy sensor with supply voltage monitor, PIR status bit",
    fields: [supplyVoltage250(), PIR_STATUS_BIT, LEARN_4BS],
  },
  {
    eep: "A5-07-03",
    title: "Occupancy sensor with supply voltage monitor and 10-bit illumination",
    fields: [
      supplyVoltage250(),
      scaled("illumination", "Illumination (ILL)", 8, 10, [0, 1000], [0, 1000], "lx"),
      PIR_STATUS_BIT,
      LEARN_4BS,
    ],
  },
];
