import type { ProfileDefinition } from "../definition";
import { LEARN_4BS, scaled } from "./fields";

// A5-02: temperature sensors. 8-bit types: TMP = DB1 (offset 16), raw 255..0 -> min..max (inverted).
// 10-bit types 20 and 30: TMP = DB2.1..DB1.0 (offset 14, 10 bits), raw 1023..0 -> min..max.

const EIGHT_BIT: readonly [type: string, min: number, max: number][] = [
  ["01", -40, 0],
  ["02", -30, 10],
  ["03", -20, 20],
  ["04", -10, 30],
  ["05", 0, 40],
  ["06", 10, 50],
  ["07", 20, 60],
  ["08", 30, 70],
  ["09", 40, 80],
  ["0A", 50, 90],
  ["0B", 60, 100],
  ["10", -60, 20],
  ["11", -50, 30],
  ["12", -40, 40],
  ["13", -30, 50],
  ["14", -20, 60],
  ["15", -10, 70],
  ["16", 0, 80],
  ["17", 10, 90],
  ["18", 20, 100],
  ["19", 30, 110],
  ["1A", 40, 120],
  ["1B", 50, 130],
];

const TEN_BIT: readonly [type: string, min: number, max: number][] = [
  ["20", -10, 41.2],
  ["30", -40, 62.3],
];

const celsius = (value: number) => `${value > 0 ? "+" : ""}${value} °C`;

export const A5_02_PROFILES: readonly ProfileDefinition[] = [
  ...EIGHT_BIT.map(([type, min, max]): ProfileDefinition => ({
    eep: `A5-02-${type}`,
    title: `Temperature sensor, range ${celsius(min)} to ${celsius(max)}`,
    fields: [scaled("temperature", "Temperature (TMP)", 16, 8, [255, 0], [min, max], "°C"), LEARN_4BS],
  })),
  ...TEN_BIT.map(([type, min, max]): ProfileDefinition => ({
    eep: `A5-02-${type}`,
    title: `10-bit temperature sensor, range ${celsius(min)} to ${celsius(max)}`,
    fields: [scaled("temperature", "Temperature (TMP)", 14, 10, [1023, 0], [min, max], "°C"), LEARN_4BS],
  })),
];
