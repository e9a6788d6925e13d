import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_12_PROFILES } from "./a5-12";

const CUMULATIVE = en("dataType", "cumulativeValue", "Cumulative value");
const CURRENT = en("dataType", "currentValue", "Current value");

describeProfileCases("A5-12 (meter reading)", A5_12_PROFILES, [
  {
    eep: "A5-12-00",
    data: "01e2405b",
    shows: "MR 123456 / 1000, channel 5, cumulative",
    entries: [
      num("meterReading", 123.456, "1"),
      num("measurementChannel", 5),
      LEARN,
      CUMULATIVE,
      en("divisor", "x/1000", "x/1000"),
    ],
  },
  {
    eep: "A5-12-01",
    data: "0000fa1c",
    shows: "MR 250 W (current value), tariff 1",
    entries: [num("meterReading", 250, "W"), num("tariffInfo", 1), LEARN, CURRENT, en("divisor", "x/1", "x/1")],
  },
  {
    eep: "A5-12-01",
    data: "0030390a",
    shows: "MR 12345 / 100 = 123.45 kWh cumulative",
    entries: [
      num("meterReading", 123.45, "kWh"),
      num("tariffInfo", 0),
      LEARN,
      CUMULATIVE,
      en("divisor", "x/100", "x/100"),
    ],
  },
  {
    eep: "A5-12-02",
    data: "01869f0a",
    shows: "MR 99999 / 100 = 999.99 m³",
    entries: [
      num("meterReading", 999.99, "m³"),
      num("tariffInfo", 0),
      LEARN,
      CUMULATIVE,
      en("divisor", "x/100", "x/100"),
    ],
  },
  {
    eep: "A5-12-03",
    data: "000005fd",
    shows: "MR 5 / 10 = 0.5 l/s, tariff 15",
    entries: [num("meterReading", 0.5, "l/s"), num("tariffInfo", 15), LEARN, CURRENT, en("divisor", "x/10", "x/10")],
  },
]);
