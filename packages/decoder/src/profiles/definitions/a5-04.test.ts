import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_04_PROFILES } from "./a5-04";

const TSN_AVAILABLE = en("temperatureSensorAvailability", "available", "available");

describeProfileCases("A5-04 (temperature and humidity)", A5_04_PROFILES, [
  {
    eep: "A5-04-01",
    data: "00c8a00a",
    shows: "HUM 200 * 100/250 = 80 %, TMP 160 * 40/250 = 25.6 °C, TSN = 1",
    entries: [num("humidity", 80, "%"), num("temperature", 25.6, "°C"), LEARN, TSN_AVAILABLE],
  },
  {
    eep: "A5-04-01",
    data: "00c8a008",
    shows: "TSN = 0: no temperature",
    entries: [num("humidity", 80, "%"), LEARN, en("temperatureSensorAvailability", "notAvailable", "not available")],
  },
  {
    eep: "A5-04-02",
    data: "007dfa0a",
    shows: "HUM 125 = 50 %, TMP 250 = -20 + 80 = 60 °C",
    entries: [num("humidity", 50, "%"), num("temperature", 60, "°C"), LEARN, TSN_AVAILABLE],
  },
  {
    eep: "A5-04-02",
    data: "00fbfa0a",
    shows: "HUM 251 is beyond 0..250",
    entries: [{ key: "humidity", value: "invalid" }, num("temperature", 60, "°C"), LEARN, TSN_AVAILABLE],
  },
  {
    eep: "A5-04-03",
    data: "ff03ff09",
    shows: "HUM 255 = 100 %, TMP 1023 = 60 °C, TTP = 1",
    entries: [
      num("humidity", 100, "%"),
      num("temperature", 60, "°C"),
      LEARN,
      en("telegramType", "eventTriggered", "Event triggered"),
    ],
  },
]);
