import { describeProfileCases, en, invalid, LEARN, num } from "../../../test/profile-cases";
import { A5_06_PROFILES } from "./a5-06";

const ILL1 = en("rangeSelect", "rangeIll1", "Range acc. to DB_1 (ILL1)");
const ILL2 = en("rangeSelect", "rangeIll2", "Range acc. to DB_2 (ILL2)");

describeProfileCases("A5-06 (light)", A5_06_PROFILES, [
  {
    eep: "A5-06-01",
    data: "ff640009",
    shows: "SVC 255 = 5.1 V, RS = 1: ILL2 100 = 300 + 100 * 29700/255 = 11947.06 lx",
    entries: [num("supplyVoltage", 5.1, "V"), num("illumination", 11947.06, "lx"), LEARN, ILL2],
  },
  {
    eep: "A5-06-01",
    data: "0000ff08",
    shows: "RS = 0: ILL1 255 = 60000 lx",
    entries: [num("supplyVoltage", 0, "V"), num("illumination", 60000, "lx"), LEARN, ILL1],
  },
  {
    eep: "A5-06-02",
    data: "00ff0009",
    shows: "RS = 1: ILL2 255 = 510 lx",
    entries: [num("supplyVoltage", 0, "V"), num("illumination", 510, "lx"), LEARN, ILL2],
  },
  {
    eep: "A5-06-03",
    data: "fb3e8008",
    shows: "SVC 251 reserved, ILL 0b0011111010 = 250 lx",
    entries: [invalid("supplyVoltage"), num("illumination", 250, "lx"), LEARN],
  },
  {
    eep: "A5-06-03",
    data: "c8fe4008",
    shows: "SVC 200 = 4 V, ILL 0b1111111001 = 1017 is beyond 1000",
    entries: [num("supplyVoltage", 4, "V"), invalid("illumination"), LEARN],
  },
  {
    eep: "A5-06-05",
    data: "80008008",
    shows: "SVC 128 = 2.56 V, RS = 0: ILL1 128 * 10200/255 = 5120 lx",
    entries: [num("supplyVoltage", 2.56, "V"), num("illumination", 5120, "lx"), LEARN, ILL1],
  },
]);
