import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, supplyVoltage255 } from "./fields";

// A5-08: light, temperature and occupancy sensors. PIR polarity is inverted compared with A5-07.
function lightTemperatureOccupancy(
  eep: string,
  title: string,
  illumination: [number, number],
  temperature: [number, number],
): ProfileDefinition {
  return {
    eep,
    title,
    fields: [
      supplyVoltage255(),
      scaled("illumination", "Illumination (ILL)", 8, 8, [0, 255], illumination, "lx"),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 255], temperature, "°C"),
      LEARN_4BS,
      enumeration("pirStatus", "PIR Status (PIRS)", 30, 1, [
        [0, "pirOn", "PIR on"],
        [1, "pirOff", "PIR off"],
      ]),
      enumeration("occupancyButton", "Occupancy Button (OCC)", 31, 1, [
        [0, "pressed", "Button pressed"],
        [1, "released", "Button released"],
      ]),
    ],
  };
}

export const A5_08_PROFILES: readonly ProfileDefinition[] = [
  lightTemperatureOccupancy(
    "A5-08-01",
    "Light, temperature and occupancy sensor, range 0 lx to 510 lx, 0 °C to +51 °C, occupancy button",
    [0, 510],
    [0, 51],
  ),
  lightTemperatureOccupancy(
    "A5-08-02",
    "Light, temperature and occupancy sensor, range 0 lx to 1020 lx, 0 °C to +51 °C, occupancy button",
    [0, 1020],
    [0, 51],
  ),
  lightTemperatureOccupancy(
    "A5-08-03",
    "Light, temperature and occupancy sensor, range 0 lx to 1530 lx, -30 °C to +50 °C, occupancy button",
    [0, 1530],
    [-30, 50],
  ),
];
