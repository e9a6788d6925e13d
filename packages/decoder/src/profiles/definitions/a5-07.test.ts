import { describeProfileCases, en, invalid, LEARN, num } from "../../../test/profile-cases";
import { A5_07_PROFILES } from "./a5-07";

const SUPPORTED = en("supplyVoltageAvailability", "supported", "Supply voltage is supported");

describeProfileCases("A5-07 (occupancy)", A5_07_PROFILES, [
  {
    eep: "A5-07-01",
    data: "fa008009",
    shows: "SVA = 1: SVC 250 = 5 V; PIRS 128 = on",
    entries: [num("supplyVoltage", 5, "V"), en("pirStatus", "pirOn", "PIR on"), LEARN, SUPPORTED],
  },
  {
    eep: "A5-07-01",
    data: "ff007f09",
    shows: "SVC 255 reserved for error codes; PIRS 127 = off",
    entries: [invalid("supplyVoltage"), en("pirStatus", "pirOff", "PIR off"), LEARN, SUPPORTED],
  },
  {
    eep: "A5-07-02",
    data: "7d000088",
    shows: "SVC 125 = 2.5 V, PIRS (DB0.7) = 1",
    entries: [num("supplyVoltage", 2.5, "V"), en("pirStatus", "motionDetected", "Motion detected"), LEARN],
  },
  {
    eep: "A5-07-03",
    data: "c8fa0088",
    shows: "SVC 200 = 4 V, ILL 0b1111101000 = 1000 lx, motion",
    entries: [
      num("supplyVoltage", 4, "V"),
      num("illumination", 1000, "lx"),
      en("pirStatus", "motionDetected", "Motion detected"),
      LEARN,
    ],
  },
  {
    eep: "A5-07-03",
    data: "c8fa4008",
    shows: "ILL 0b1111101001 = 1001 is beyond 1000, uncertain",
    entries: [
      num("supplyVoltage", 4, "V"),
      invalid("illumination"),
      en("pirStatus", "uncertain", "Uncertain of occupancy status"),
      LEARN,
    ],
  },
]);
