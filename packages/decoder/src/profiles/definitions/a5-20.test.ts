import { describeProfileCases, en, invalid, LEARN, num } from "../../../test/profile-cases";
import { A5_20_PROFILES } from "./a5-20";

describeProfileCases("A5-20 (HVAC)", A5_20_PROFILES, [
  {
    eep: "A5-20-01",
    data: "32a58008",
    shows: "CV 50 %, flags 1010 0101, TMP 128 * 40/255 = 20.08 °C",
    entries: [
      num("currentValue", 50, "%"),
      en("serviceOn", "True", "Service on"),
      en("energyInputEnabled", "False", "Energy input not enabled"),
      en("energyStorage", "True", "Energy storage sufficiently charged"),
      en("batteryCapacity", "changeBattery", "Change battery next days"),
      en("coverOpen", "False", "Cover closed"),
      en("temperatureSensorFailure", "True", "Temperature sensor failure or out of range"),
      en("windowOpen", "False", "No open window detected"),
      en("actuatorObstructed", "True", "Actuator obstructed"),
      num("temperature", 20.08, "°C"),
      LEARN,
    ],
  },
  {
    eep: "A5-20-01",
    data: "655aff08",
    shows: "CV 101 beyond 100 %, flags 0101 1010, TMP 255 = 40 °C",
    entries: [
      invalid("currentValue"),
      en("serviceOn", "False", "Service off"),
      en("energyInputEnabled", "True", "Energy input enabled"),
      en("energyStorage", "False", "Energy storage not sufficiently charged"),
      en("batteryCapacity", "ok", "Battery capacity sufficient"),
      en("coverOpen", "True", "Cover open"),
      en("temperatureSensorFailure", "False", "Temperature sensor OK"),
      en("windowOpen", "True", "Open window detected"),
      en("actuatorObstructed", "False", "Actuator not obstructed"),
      num("temperature", 40, "°C"),
      LEARN,
    ],
  },
]);
