import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, trueFalse } from "./fields";

export const A5_20_PROFILES: readonly ProfileDefinition[] = [
  {
    // Direction 1 (actuator -> controller), the telegram a gateway receives from the valve.
    eep: "A5-20-01",
    title: "HVAC components, battery powered actuator (BI-DIR), actuator status",
    fields: [
      scaled("currentValue", "Current Value (CV)", 0, 8, [0, 100], [0, 100], "%"),
      trueFalse("serviceOn", "Service On (SO)", 8, "Service off", "Service on"),
      trueFalse(
        "energyInputEnabled",
        "Energy input enabled (ENIE)",
        9,
        "Energy input not enabled",
        "Energy input enabled",
      ),
      trueFalse(
        "energyStorage",
        "Energy storage sufficiently charged (ES)",
        10,
        "Energy storage not sufficiently charged",
        "Energy storage sufficiently charged",
      ),
      enumeration("batteryCapacity", "Battery capacity (BCAP)", 11, 1, [
        [0, "changeBattery", "Change battery next days"],
        [1, "ok", "Battery capacity sufficient"],
      ]),
      trueFalse("coverOpen", "Contact, cover open (CCO)", 12, "Cover closed", "Cover open"),
      trueFalse(
        "temperatureSensorFailure",
        "Failure temperature sensor, out of range (FTS)",
        13,
        "Temperature sensor OK",
        "Temperature sensor failure or out of range",
      ),
      trueFalse("windowOpen", "Detection, window open (DWO)", 14, "No open window detected", "Open window detected"),
      trueFalse(
        "actuatorObstructed",
        "Actuator obstructed (ACO)",
        15,
        "Actuator not obstructed",
        "Actuator obstructed",
      ),
      scaled("temperature", "Temperature (TMP)", 16, 8, [0, 255], [0, 40], "°C"),
      LEARN_4BS,
    ],
  },
];
