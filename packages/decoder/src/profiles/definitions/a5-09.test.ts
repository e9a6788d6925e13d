import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_09_PROFILES } from "./a5-09";

const active = (key: string, name: string) => en(key, "active", `${name} active`);

describeProfileCases("A5-09 (gas)", A5_09_PROFILES, [
  {
    eep: "A5-09-02",
    data: "ccff640a",
    shows: "SVC 204 = 4.08 V, CO 255 = 1020 ppm, TMP 100 * 51/255 = 20 °C",
    entries: [
      num("supplyVoltage", 4.08, "V"),
      num("co", 1020, "ppm"),
      num("temperature", 20, "°C"),
      LEARN,
      en("temperatureSensorAvailability", "available", "Temperature Sensor available"),
    ],
  },
  {
    eep: "A5-09-04",
    data: "c864000c",
    shows: "HSN = 1: HUM 200 = 100 %; CO2 100 * 10 = 1000 ppm; TSN = 0: no temperature",
    entries: [
      num("humidity", 100, "%"),
      num("co2", 1000, "ppm"),
      LEARN,
      en("humiditySensorAvailability", "available", "Humidity Sensor available"),
      en("temperatureSensorAvailability", "notAvailable", "Temperature Sensor not available"),
    ],
  },
  {
    eep: "A5-09-06",
    data: "7fc00008",
    shows: "Rn 0b0111111111 = 511 Bq/m³",
    entries: [num("radon", 511, "Bq/m³"), LEARN],
  },
  {
    eep: "A5-09-07",
    data: "320c828f",
    shows: "PM10 100, PM2.5 50, PM1 20 µg/m³, all active",
    entries: [
      num("pm10", 100, "µg/m³"),
      num("pm25", 50, "µg/m³"),
      num("pm1", 20, "µg/m³"),
      LEARN,
      active("pm10Active", "PM10"),
      active("pm25Active", "PM2.5"),
      active("pm1Active", "PM1"),
    ],
  },
  {
    eep: "A5-09-07",
    data: "320c8288",
    shows: "no sensor active: no values",
    entries: [
      LEARN,
      en("pm10Active", "notActive", "PM10 not active"),
      en("pm25Active", "notActive", "PM2.5 not active"),
      en("pm1Active", "notActive", "PM1 not active"),
    ],
  },
  { eep: "A5-09-08", data: "0000ff08", shows: "CO2 255 = 2000 ppm", entries: [num("co2", 2000, "ppm"), LEARN] },
  {
    eep: "A5-09-09",
    data: "0000ff0c",
    shows: "CO2 255 = 2000 ppm, PFD = 1",
    entries: [num("co2", 2000, "ppm"), LEARN, en("powerFailureDetected", "True", "Power failure detected")],
  },
]);
