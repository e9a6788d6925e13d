import type { EnumItem, NumberFieldDefinition, ProfileDefinition } from "../definition";
import { enumeration, items, scaled } from "./fields";

// D2-14: multi-function sensors. Special codes inside numeric fields are emitted as enumeration
// entries in place of the number (eep-profiles.md 1.4); reserved raw values as "invalid".

const OUT_OF_RANGE_OR_ERROR: EnumItem[] = items([
  [1021, "outOfRangeNegative", "Out of range negative"],
  [1022, "outOfRangePositive", "Out of range positive"],
  [1023, "error", "Error"],
]);
const ERROR_131071: EnumItem[] = items([[131071, "error", "Error"]]);

const TEMPERATURE = scaled("temperature", "Temperature (TMP10)", 0, 10, [0, 1000], [-40, 60], "°C", {
  special: OUT_OF_RANGE_OR_ERROR,
});
const humidity = (special: EnumItem[]) =>
  scaled("humidity", "Humidity (HUM)", 10, 8, [0, 200], [0, 100], "%", { special });
const ILLUMINATION = scaled("illumination", "Illumination (ILL)", 18, 17, [0, 100000], [0, 100000], "lx", {
  special: ERROR_131071,
});
const ACCELERATION_STATUS = enumeration("accelerationStatus", "Acceleration Status (ACC_S)", 35, 2, [
  [0, "heartbeat", "Heartbeat"],
  [1, "threshold1Exceeded", "Threshold 1 exceeded"],
  [2, "threshold2Exceeded", "Threshold 2 exceeded"],
]);
const acceleration = (axis: "X" | "Y" | "Z", offset: number): NumberFieldDefinition =>
  scaled(`acceleration${axis}`, `Acceleration ${axis} (ACC_${axis})`, offset, 10, [0, 1000], [-2.5, 2.5], "g", {
    special: OUT_OF_RANGE_OR_ERROR,
  });

export const D2_14_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-14-40",
    title: "Multi-function sensor: indoor temperature, humidity, XYZ acceleration, illumination",
    length: 9,
    fields: [
      TEMPERATURE,
      humidity(items([[255, "error", "Error"]])),
      ILLUMINATION,
      ACCELERATION_STATUS,
      acceleration("X", 37),
      acceleration("Y", 47),
      acceleration("Z", 57),
    ],
  },
  {
    eep: "D2-14-41",
    title: "Multi-function sensor: indoor temperature, humidity, XYZ acceleration, illumination, window contact",
    length: 9,
    fields: [
      TEMPERATURE,
      humidity(
        items([
          [254, "invalid", "Supported + Invalid"],
          [255, "notSupported", "notSupported"],
        ]),
      ),
      ILLUMINATION,
      ACCELERATION_STATUS,
      acceleration("X", 37),
      acceleration("Y", 47),
      acceleration("Z", 57),
      enumeration("contact", "Contact (CO)", 67, 1, [
        [0, "open", "Window opened"],
        [1, "closed", "Window closed"],
      ]),
    ],
  },
  {
    eep: "D2-14-52",
    title: "Multi-function sensor: temperature, illumination, presence, sound pressure",
    length: 5,
    fields: [
      scaled("temperature", "Temperature (TMP)", 0, 9, [0, 500], [0, 50], "°C", {
        special: items([[511, "error", "Error"]]),
      }),
      scaled("illumination", "Illumination (ILL)", 9, 17, [0, 100000], [0, 100000], "lx", { special: ERROR_131071 }),
      enumeration("presence", "Presence (PRE)", 26, 2, [
        [0, "present", "Present"],
        [1, "notPresent", "Not present"],
        [2, "notDetectable", "Not detectable"],
        [3, "presenceDetectorError", "Presence Detector error"],
      ]),
      scaled("soundPressure", "Sound Pressure (SP)", 28, 11, [0, 2046], [0, 204.6], "dBSPL", {
        special: items([[2047, "error", "Error"]]),
      }),
    ],
  },
];
