import type { FieldDefinition, ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled } from "./fields";

// A5-10: room operating panels. Types 01..0D: fan speed DB3, set point DB2, temperature DB1
// (inverted, 255..0 -> 0..40 °C) and one switch bit DB0.0. Types 10..14: set point DB3, humidity DB2,
// temperature DB1 (0..250 -> 0..40 °C, not inverted). Types 15..17: 6-bit set point and 10-bit
// temperature (1023..0 -> -10..+41.2 °C).

const FAN_SPEED = enumeration("fanSpeed", "Fan Speed (FAN)", 0, 8, [
  [[210, 255], "stageAuto", "Stage Auto"],
  [[190, 209], "stage0", "Stage 0"],
  [[165, 189], "stage1", "Stage 1"],
  [[145, 164], "stage2", "Stage 2"],
  [[0, 144], "stage3", "Stage 3"],
]);
const setPoint = (offset: number) => scaled("setPoint", "Set point (SP)", offset, 8, [0, 255], [0, 255], undefined);
const TEMPERATURE_INVERTED = scaled("temperature", "Temperature (TMP)", 16, 8, [255, 0], [0, 40], "°C");
const TEMPERATURE_250 = scaled("temperature", "Temperature (TMP)", 16, 8, [0, 250], [0, 40], "°C");
const HUMIDITY = scaled("humidity", "Humidity (HUM)", 8, 8, [0, 250], [0, 100], "%");
const OCCUPANCY = enumeration("occupancyButton", "Occupancy (OCC)", 31, 1, [
  [0, "pressed", "Button pressed"],
  [1, "released", "Button released"],
]);
const SLIDE_SWITCH = enumeration("slideSwitch", "Slide switch (SLSW)", 31, 1, [
  [0, "positionI", "Position I / Night / Off"],
  [1, "positionO", "Position O / Day / On"],
]);
const CONTACT_STATE = enumeration("contact", "Contact State (CTST)", 31, 1, [
  [0, "closed", "Closed"],
  [1, "open", "Open"],
]);
const SET_POINT_6_BIT = scaled("setPoint", "Set point (SP)", 8, 6, [0, 63], [0, 63], undefined);
const TEMPERATURE_10_BIT = scaled("temperature", "Temperature (TMP)", 14, 10, [1023, 0], [-10, 41.2], "°C");

const panel = (type: string, title: string, fields: FieldDefinition[]): ProfileDefinition => ({
  eep: `A5-10-${type}`,
  title: `Room operating panel, ${title}`,
  fields: [...fields, LEARN_4BS],
});

export const A5_10_PROFILES: readonly ProfileDefinition[] = [
  panel("01", "temperature sensor, set point, fan speed and occupancy control", [
    FAN_SPEED,
    setPoint(8),
    TEMPERATURE_INVERTED,
    OCCUPANCY,
  ]),
  panel("02", "temperature sensor, set point, fan speed and day/night control", [
    FAN_SPEED,
    setPoint(8),
    TEMPERATURE_INVERTED,
    SLIDE_SWITCH,
  ]),
  panel("03", "temperature sensor, set point control", [setPoint(8), TEMPERATURE_INVERTED]),
  panel("04", "temperature sensor, set point and fan speed control", [FAN_SPEED, setPoint(8), TEMPERATURE_INVERTED]),
  panel("05", "temperature sensor, set point and occupancy control", [setPoint(8), TEMPERATURE_INVERTED, OCCUPANCY]),
  panel("06", "temperature sensor, set point and day/night control", [setPoint(8), TEMPERATURE_INVERTED, SLIDE_SWITCH]),
  panel("07", "temperature sensor, fan speed control", [FAN_SPEED, TEMPERATURE_INVERTED]),
  panel("08", "temperature sensor, fan speed and occupancy control", [FAN_SPEED, TEMPERATURE_INVERTED, OCCUPANCY]),
  panel("09", "temperature sensor, fan speed and day/night control", [FAN_SPEED, TEMPERATURE_INVERTED, SLIDE_SWITCH]),
  panel("0A", "temperature sensor, set point adjust and single input contact", [
    setPoint(8),
    TEMPERATURE_INVERTED,
    CONTACT_STATE,
  ]),
  panel("0B", "temperature sensor and single input contact", [TEMPERATURE_INVERTED, CONTACT_STATE]),
  panel("0C", "temperature sensor and occupancy control", [TEMPERATURE_INVERTED, OCCUPANCY]),
  panel("0D", "temperature sensor and day/night control", [TEMPERATURE_INVERTED, SLIDE_SWITCH]),
  panel("10", "temperature and humidity sensor, set point and occupancy control", [
    setPoint(0),
    HUMIDITY,
    TEMPERATURE_250,
    OCCUPANCY,
  ]),
  panel("11", "temperature and humidity sensor, set point and day/night control", [
    setPoint(0),
    HUMIDITY,
    TEMPERATURE_250,
    SLIDE_SWITCH,
  ]),
  panel("12", "temperature and humidity sensor and set point", [setPoint(0), HUMIDITY, TEMPERATURE_250]),
  panel("13", "temperature and humidity sensor, occupancy control", [HUMIDITY, TEMPERATURE_250, OCCUPANCY]),
  panel("14", "temperature and humidity sensor, day/night control", [HUMIDITY, TEMPERATURE_250, SLIDE_SWITCH]),
  panel("15", "10-bit temperature sensor, 6-bit set point control", [SET_POINT_6_BIT, TEMPERATURE_10_BIT]),
  panel("16", "10-bit temperature sensor, 6-bit set point control, occupancy control", [
    SET_POINT_6_BIT,
    TEMPERATURE_10_BIT,
    OCCUPANCY,
  ]),
  panel("17", "10-bit temperature sensor, occupancy control", [TEMPERATURE_10_BIT, OCCUPANCY]),
];
