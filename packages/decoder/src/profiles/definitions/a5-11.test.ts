import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_11_PROFILES } from "./a5-11";

describeProfileCases("A5-11 (controller status)", A5_11_PROFILES, [
  {
    eep: "A5-11-01",
    data: "8040fffb",
    shows: "ILL 128 * 510/255 = 256 lx, ISP 64, DIM 255, flags 1111 1 011",
    entries: [
      num("illumination", 256, "lx"),
      num("illuminationSetPoint", 64),
      num("dimmingOutputLevel", 255),
      en("repeater", "enabled", "Enabled"),
      en("powerRelayTimer", "enabled", "Enabled"),
      en("daylightHarvesting", "enabled", "Enabled"),
      en("dimming", "dimmingLoad", "Dimming load"),
      LEARN,
      en("magnetContact", "open", "Open"),
      en("occupancy", "occupied", "Occupied"),
      en("powerRelay", "on", "On"),
    ],
  },
]);
