import { describeProfileCases, en, num } from "../../../test/profile-cases";
import { D2_15_PROFILES } from "./d2-15";

describeProfileCases("D2-15 (occupancy)", D2_15_PROFILES, [
  {
    eep: "D2-15-00",
    data: "f5ffff",
    shows: "presence 11 = error, energy 11 = critical, rate 5 -> 6 s, counter 65535",
    entries: [
      en("presence", "presenceDetectionError", "Presence Detection Error"),
      en("energyStorage", "critical", "Critical"),
      num("pirUpdateRate", 6, "s"),
      num("pirUpdateCounter", 65535),
    ],
  },
]);
