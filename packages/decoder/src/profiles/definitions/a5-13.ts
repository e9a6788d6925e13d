import type { FieldDefinition, MessageDefinition, ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, number, scaled } from "./fields";

// A5-13: environmental applications. Every telegram carries its message identifier in DB0.7..4
// (offset 24): 1 weather station, 2 sun intensity, 3 date, 4 time and day, 5 direction. A weather
// station onboarded as A5-13-01 sends several of them, so that profile accepts all five.

const identifier = (id: number) => ({ offset: 24, size: 4, equals: id });
const IDENTIFIER_FIELD = number("identifier", "Identifier (ID)", 24, 4);
const SOURCE = enumeration("source", "Source (SRC)", 31, 1, [
  [0, "realTimeClock", "Real Time Clock"],
  [1, "gps", "GPS or equivalent"],
]);

const message = (id: number, description: string, fields: FieldDefinition[]): MessageDefinition => ({
  description,
  when: identifier(id),
  fields: [...fields, IDENTIFIER_FIELD, LEARN_4BS],
});

const WEATHER = message(1, "Weather station", [
  scaled("dawnSensor", "Dawn sensor (DWS)", 0, 8, [0, 255], [0, 999], "lx"),
  scaled("temperature", "Temperature (TMP)", 8, 8, [0, 255], [-40, 80], "°C"),
  scaled("windSpeed", "Wind speed (WND)", 16, 8, [0, 255], [0, 70], "m/s"),
  enumeration("dayNight", "Day / Night (D/N)", 29, 1, [
    [0, "day", "Day"],
    [1, "night", "Night"],
  ]),
  enumeration("rainIndication", "Rain Indication (RAN)", 30, 1, [
    [0, "noRain", "No rain"],
    [1, "rain", "Rain"],
  ]),
]);
const SUN_INTENSITY = message(2, "Sun intensity", [
  scaled("sunWest", "Sun – West (SNW)", 0, 8, [0, 255], [0, 150], "klx"),
  scaled("sunSouth", "Sun – South (SNS)", 8, 8, [0, 255], [0, 150], "klx"),
  scaled("sunEast", "Sun – East (SNE)", 16, 8, [0, 255], [0, 150], "klx"),
  enumeration("hemisphere", "Hemisphere (HEM)", 29, 1, [
    [0, "north", "North"],
    [1, "south", "South"],
  ]),
]);
const DATE = message(3, "Date exchange", [
  scaled("day", "Day (DY)", 3, 5, [1, 31], [1, 31], undefined),
  scaled("month", "Month (MTH)", 12, 4, [1, 12], [1, 12], undefined),
  scaled("year", "Year (YR)", 17, 7, [0, 99], [2000, 2099], undefined),
  SOURCE,
]);
const TIME = message(4, "Time and day exchange", [
  enumeration("weekday", "Weekday (WDY)", 0, 3, [
    [1, "monday", "Monday"],
    [2, "tuesday", "Tuesday"],
    [3, "wednesday", "Wednesday"],
    [4, "thursday", "Thursday"],
    [5, "friday", "Friday"],
    [6, "saturday", "Saturday"],
    [7, "sunday", "Sunday"],
  ]),
  scaled("hour", "Hour (HR)", 3, 5, [0, 23], [0, 23], undefined),
  scaled("minute", "Minute (MIN)", 10, 6, [0, 59], [0, 59], undefined),
  scaled("second", "Second (SEC)", 18, 6, [0, 59], [0, 59], undefined),
  enumeration("timeFormat", "Time Format (TMF)", 29, 1, [
    [0, "24Hours", "24 hours"],
    [1, "12Hours", "12 hours"],
  ]),
  enumeration("amPm", "AM/PM (A/PM)", 30, 1, [
    [0, "am", "AM"],
    [1, "pm", "PM"],
  ]),
  SOURCE,
]);
const DIRECTION = message(5, "Direction exchange", [
  scaled("elevation", "Elevation (ELV)", 0, 8, [0, 180], [-90, 90], "°"),
  scaled("azimuth", "Azimuth (AZM)", 15, 9, [0, 359], [0, 359], "°"),
]);

export const A5_13_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-13-01",
    title: "Environmental applications, weather station",
    messages: [WEATHER, SUN_INTENSITY, DATE, TIME, DIRECTION],
  },
  { eep: "A5-13-02", title: "Environmental applications, sun intensity", messages: [SUN_INTENSITY] },
  { eep: "A5-13-03", title: "Environmental applications, date exchange", messages: [DATE] },
  { eep: "A5-13-04", title: "Environmental applications, time and day exchange", messages: [TIME] },
  { eep: "A5-13-05", title: "Environmental applications, direction exchange", messages: [DIRECTION] },
];
