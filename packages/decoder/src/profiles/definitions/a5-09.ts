import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, supplyVoltage255, whenBit } from "./fields";

const activeFlag = (key: string, name: string, offset: number) =>
  enumeration(key, `${name} active`, offset, 1, [
    [0, "notActive", `${name} not active`],
    [1, "active", `${name} active`],
  ]);

export const A5_09_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-09-02",
    title: "Gas sensor, CO sensor 0 ppm to 1020 ppm",
    fields: [
      supplyVoltage255(),
      scaled("co", "Concentration (Conc)", 8, 8, [0, 255], [0, 1020], "ppm"),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 255], [0, 51], "°C", { when: whenBit(30) }),
      LEARN_4BS,
      enumeration("temperatureSensorAvailability", "T-Sensor (TSN)", 30, 1, [
        [0, "notAvailable", "Temperature Sensor not available"],
        [1, "available", "Temperature Sensor available"],
      ]),
    ],
  },
  {
    eep: "A5-09-04",
    title: "Gas sensor, CO2 sensor with optional humidity and temperature",
    fields: [
      scaled("humidity", "Humidity (HUM)", 0, 8, [0, 200], [0, 100], "%", { when: whenBit(29) }),
      scaled("co2", "Concentration (Conc)", 8, 8, [0, 255], [0, 2550], "ppm"),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 255], [0, 51], "°C", { when: whenBit(30) }),
      LEARN_4BS,
      enumeration("humiditySensorAvailability", "H-Sensor (HSN)", 29, 1, [
        [0, "notAvailable", "Humidity Sensor not available"],
        [1, "available", "Humidity Sensor available"],
      ]),
      enumeration("temperatureSensorAvailability", "T-Sensor (TSN)", 30, 1, [
        [0, "notAvailable", "Temperature Sensor not available"],
        [1, "available", "Temperature Sensor available"],
      ]),
    ],
  },
  {
    eep: "A5-09-06",
    title: "Gas sensor, radon",
    fields: [scaled("radon", "Radon activity (Rn)", 0, 10, [0, 1023], [0, 1023], "Bq/m³"), LEARN_4BS],
  },
  {
    eep: "A5-09-07",
    title: "Gas sensor, particles",
    fields: [
      scaled("pm10", "Particle Matter <10 µm (PM10)", 0, 9, [0, 511], [0, 511], "µg/m³", { when: whenBit(29) }),
      scaled("pm25", "Particle Matter <2.5 µm (PM2.5)", 9, 9, [0, 511], [0, 511], "µg/m³", { when: whenBit(30) }),
      scaled("pm1", "Particle Matter <1 µm (PM1)", 18, 9, [0, 511], [0, 511], "µg/m³", { when: whenBit(31) }),
      LEARN_4BS,
      activeFlag("pm10Active", "PM10", 29),
      activeFlag("pm25Active", "PM2.5", 30),
      activeFlag("pm1Active", "PM1", 31),
    ],
  },
  {
    eep: "A5-09-08",
    title: "Gas sensor, pure CO2 sensor",
    fields: [scaled("co2", "CO2 (CO2)", 16, 8, [0, 255], [0, 2000], "ppm"), LEARN_4BS],
  },
  {
    eep: "A5-09-09",
    title: "Gas sensor, pure CO2 sensor with power failure detection",
    fields: [
      scaled("co2", "CO2 (CO2)", 16, 8, [0, 255], [0, 2000], "ppm"),
      LEARN_4BS,
      enumeration("powerFailureDetected", "Power Failure detection (PFD)", 29, 1, [
        [0, "False", "Power failure not detected"],
        [1, "True", "Power failure detected"],
      ]),
    ],
  },
];
