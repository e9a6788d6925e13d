import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, whenBit } from "./fields";

const TEMPERATURE_SENSOR_AVAILABILITY = enumeration("temperatureSensorAvailability", "T-Sensor (TSN)", 30, 1, [
  [0, "notAvailable", "not available"],
  [1, "available", "available"],
]);

export const A5_04_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-04-01",
    title: "Temperature and humidity sensor, range 0 °C to +40 °C and 0 % to 100 %",
    fields: [
      scaled("humidity", "Humidity (HUM)", 8, 8, [0, 250], [0, 100], "%"),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 250], [0, 40], "°C", { when: whenBit(30) }),
      LEARN_4BS,
      TEMPERATURE_SENSOR_AVAILABILITY,
    ],
  },
  {
    eep: "A5-04-02",
    title: "Temperature and humidity sensor, range -20 °C to +60 °C and 0 % to 100 %",
    fields: [
      scaled("humidity", "Humidity (HUM)", 8, 8, [0, 250], [0, 100], "%"),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 250], [-20, 60], "°C", { when: whenBit(30) }),
      LEARN_4BS,
      TEMPERATURE_SENSOR_AVAILABILITY,
    ],
  },
  {
    eep: "A5-04-03",
    title: "Temperature and humidity sensor, range -20 °C to +60 °C 10 bit and 0 % to 100 %",
    fields: [
      scaled("humidity", "Humidity (HUM)", 0, 8, [0, 255], [0, 100], "%"),
      scaled("temperature", "Temperature (TMP)", 14, 10, [0, 1023], [-20, 60], "°C"),
      LEARN_4BS,
      enumeration("telegramType", "Telegram Type (TTP)", 31, 1, [
        [0, "heartbeat", "Heartbeat"],
        [1, "eventTriggered", "Event triggered"],
      ]),
    ],
  },
];
