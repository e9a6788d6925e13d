import { describeProfileCases, LEARN, num, type ProfileCase } from "../../../test/profile-cases";
import { A5_02_PROFILES } from "./a5-02";

// 8-bit types: TMP = DB1 = 0x80 (128) on the inverted scale 255..0 -> min..max:
// min + (128 - 255) * ((max - min) / (0 - 255)) = min + 127/255 * span, rounded to 2 decimals.
const EIGHT_BIT: [type: string, expected: number][] = [
  ["01", -20.08], // -40 + 19.92
  ["02", -10.08],
  ["03", -0.08],
  ["04", 9.92],
  ["05", 19.92],
  ["06", 29.92],
  ["07", 39.92],
  ["08", 49.92],
  ["09", 59.92],
  ["0A", 69.92],
  ["0B", 79.92],
  ["10", -20.16], // span 80: -60 + 39.84
  ["11", -10.16],
  ["12", -0.16],
  ["13", 9.84],
  ["14", 19.84],
  ["15", 29.84],
  ["16", 39.84],
  ["17", 49.84],
  ["18", 59.84],
  ["19", 69.84],
  ["1A", 79.84],
  ["1B", 89.84],
];

const cases: ProfileCase[] = [
  ...EIGHT_BIT.map(([type, expected]): ProfileCase => ({
    eep: `A5-02-${type}`,
    data: "00008008",
    shows: `TMP raw 128 = ${expected} °C`,
    entries: [num("temperature", expected, "°C"), LEARN],
  })),
  // 10-bit types: TMP = DB2.1..DB1.0 = 0x200 (512) on 1023..0 -> min..max.
  {
    eep: "A5-02-20",
    data: "00020008",
    shows: "TMP raw 512: -10 + 511 * 51.2/1023 = 15.57 °C",
    entries: [num("temperature", 15.57, "°C"), LEARN],
  },
  {
    eep: "A5-02-30",
    data: "00020008",
    shows: "TMP raw 512: -40 + 511 * 102.3/1023 = 11.1 °C",
    entries: [num("temperature", 11.1, "°C"), LEARN],
  },
  {
    eep: "A5-02-30",
    data: "0003ff08",
    shows: "TMP raw 1023 = -40 °C",
    entries: [num("temperature", -40, "°C"), LEARN],
  },
  {
    eep: "A5-02-05",
    data: "0000ff08",
    shows: "TMP raw 255 = 0 °C (inverted range)",
    entries: [num("temperature", 0, "°C"), LEARN],
  },
  { eep: "A5-02-05", data: "00000008", shows: "TMP raw 0 = 40 °C", entries: [num("temperature", 40, "°C"), LEARN] },
  { eep: "A5-02-05", data: "000080", shows: "three data bytes", error: "EEP_DECODE_ERROR" },
];

describeProfileCases("A5-02 (temperature)", A5_02_PROFILES, cases);
