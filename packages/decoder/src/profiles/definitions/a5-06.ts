import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, supplyVoltage250, supplyVoltage255, whenBit } from "./fields";

// A5-06-01/02/05: one `illumination` entry; the range select bit RS (DB0.0) says whether it is read
// from DB2 (ILL2, RS = 1) or DB1 (ILL1, RS = 0).
const RANGE_SELECT = enumeration("rangeSelect", "Range select (RS)", 31, 1, [
  [0, "rangeIll1", "Range acc. to DB_1 (ILL1)"],
  [1, "rangeIll2", "Range acc. to DB_2 (ILL2)"],
]);

function twoRangeLightSensor(eep: string, title: string, ill2: [number, number], ill1: [number, number]) {
  return {
    eep,
    title,
    fields: [
      supplyVoltage255(),
      scaled("illumination", "Illumination (ILL2)", 8, 8, [0, 255], ill2, "lx", { when: whenBit(31, 1) }),
      scaled("illumination", "Illumination (ILL1)", 16, 8, [0, 255], ill1, "lx", { when: whenBit(31, 0) }),
      LEARN_4BS,
      RANGE_SELECT,
    ],
  } satisfies ProfileDefinition;
}

export const A5_06_PROFILES: readonly ProfileDefinition[] = [
  twoRangeLightSensor("A5-06-01", "Light sensor, range 300 lx to 60000 lx", [300, 30000], [600, 60000]),
  twoRangeLightSensor("A5-06-02", "Light sensor, range 0 lx to 1020 lx", [0, 510], [0, 1020]),
  {
    eep: "A5-06-03",
    title: "Light sensor, 10-bit measurement, range 0 lx to 1000 lx",
    fields: [
      supplyVoltage250(),
      scaled("illumination", "Illumination (ILL)", 8, 10, [0, 1000], [0, 1000], "lx"),
      LEARN_4BS,
    ],
  },
  twoRangeLightSensor("A5-06-05", "Light sensor, range 0 lx to 10200 lx", [0, 5100], [0, 10200]),
];
