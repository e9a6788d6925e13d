import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled } from "./fields";

const enabledFlag = (key: string, description: string, offset: number) =>
  enumeration(key, description, offset, 1, [
    [0, "disabled", "Disabled"],
    [1, "enabled", "Enabled"],
  ]);

export const A5_11_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-11-01",
    title: "Controller status, lighting controller",
    fields: [
      scaled("illumination", "Illumination (ILL)", 0, 8, [0, 255], [0, 510], "lx"),
      scaled("illuminationSetPoint", "Illumination Set Point (ISP)", 8, 8, [0, 255], [0, 255], undefined),
      scaled("dimmingOutputLevel", "Dimming Output Level (DIM)", 16, 8, [0, 255], [0, 255], undefined),
      enabledFlag("repeater", "Repeater (REP)", 24),
      enabledFlag("powerRelayTimer", "Power Relay Timer (PRT)", 25),
      enabledFlag("daylightHarvesting", "Daylight Harvesting (DHV)", 26),
      enumeration("dimming", "Dimming (EDIM)", 27, 1, [
        [0, "switchingLoad", "Switching load"],
        [1, "dimmingLoad", "Dimming load"],
      ]),
      LEARN_4BS,
      enumeration("magnetContact", "Magnet Contact (MGC)", 29, 1, [
        [0, "open", "Open"],
        [1, "closed", "Closed"],
      ]),
      enumeration("occupancy", "Occupancy (OCC)", 30, 1, [
        [0, "unoccupied", "Unoccupied"],
        [1, "occupied", "Occupied"],
      ]),
      enumeration("powerRelay", "Power Relay (PWR)", 31, 1, [
        [0, "off", "Off"],
        [1, "on", "On"],
      ]),
    ],
  },
];
