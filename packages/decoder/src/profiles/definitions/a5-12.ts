import type { FieldDefinition, ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, number } from "./fields";

// A5-12: automated meter reading. MR (24 bits) / 10^DIV, printed with DIV decimals; the unit
// depends on DT (0 cumulative value, 1 current value).

const DATA_TYPE = enumeration("dataType", "Data type (unit) (DT)", 29, 1, [
  [0, "cumulativeValue", "Cumulative value"],
  [1, "currentValue", "Current value"],
]);
const DIVISOR = enumeration("divisor", "Divisor (scale) (DIV)", 30, 2, [
  [0, "x/1", "x/1"],
  [1, "x/10", "x/10"],
  [2, "x/100", "x/100"],
  [3, "x/1000", "x/1000"],
]);

function meter(
  eep: string,
  title: string,
  cumulativeUnit: string,
  currentUnit: string,
  channel: FieldDefinition,
): ProfileDefinition {
  return {
    eep,
    title,
    fields: [
      number("meterReading", "Meter reading (MR)", 0, 24, {
        unitBy: { offset: 29, size: 1, units: { 0: cumulativeUnit, 1: currentUnit } },
        divisorBy: { offset: 30, size: 2, decimals: { 0: 0, 1: 1, 2: 2, 3: 3 } },
      }),
      channel,
      LEARN_4BS,
      DATA_TYPE,
      DIVISOR,
    ],
  };
}

const measurementChannel = number("measurementChannel", "Measurement channel (CH)", 24, 4);
const tariffInfo = number("tariffInfo", "Tariff info (TI)", 24, 4);

export const A5_12_PROFILES: readonly ProfileDefinition[] = [
  meter("A5-12-00", "Automated meter reading, counter", "1", "1/s", measurementChannel),
  meter("A5-12-01", "Automated meter reading, electricity", "kWh", "W", tariffInfo),
  meter("A5-12-02", "Automated meter reading, gas", "m³", "l/s", tariffInfo),
  meter("A5-12-03", "Automated meter reading, water", "m³", "l/s", tariffInfo),
];
