import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_13_PROFILES } from "./a5-13";

const id = (value: number) => num("identifier", value);

describeProfileCases("A5-13 (environmental)", A5_13_PROFILES, [
  {
    eep: "A5-13-01",
    data: "ff80331c",
    shows: "DWS 255 = 999 lx, TMP -40 + 128 * 120/255 = 20.24 °C, WND 51 * 70/255 = 14 m/s, night, no rain",
    entries: [
      num("dawnSensor", 999, "lx"),
      num("temperature", 20.24, "°C"),
      num("windSpeed", 14, "m/s"),
      id(1),
      LEARN,
      en("dayNight", "night", "Night"),
      en("rainIndication", "noRain", "No rain"),
    ],
  },
  {
    eep: "A5-13-01",
    data: "0000ff28",
    shows: "a weather station's sun-intensity telegram (ID 2): east 255 = 150 klx",
    entries: [
      num("sunWest", 0, "klx"),
      num("sunSouth", 0, "klx"),
      num("sunEast", 150, "klx"),
      id(2),
      LEARN,
      en("hemisphere", "north", "North"),
    ],
  },
  { eep: "A5-13-01", data: "00000068", shows: "identifier 6 is not decoded", error: "EEP_DECODE_ERROR" },
  {
    eep: "A5-13-02",
    data: "66cc002c",
    shows: "west 102 = 60 klx, south 204 = 120 klx, southern hemisphere",
    entries: [
      num("sunWest", 60, "klx"),
      num("sunSouth", 120, "klx"),
      num("sunEast", 0, "klx"),
      id(2),
      LEARN,
      en("hemisphere", "south", "South"),
    ],
  },
  {
    eep: "A5-13-02",
    data: "66cc001c",
    shows: "a weather telegram (ID 1) is not a sun-intensity telegram",
    error: "EEP_DECODE_ERROR",
  },
  {
    eep: "A5-13-03",
    data: "160b1a39",
    shows: "day 22, month 11, year 2000 + 26, source GPS",
    entries: [
      num("day", 22),
      num("month", 11),
      num("year", 2026),
      id(3),
      LEARN,
      en("source", "gps", "GPS or equivalent"),
    ],
  },
  {
    eep: "A5-13-04",
    data: "ad2d1e4a",
    shows: "Friday 13:45:30, 24 h format, PM, real-time clock",
    entries: [
      en("weekday", "friday", "Friday"),
      num("hour", 13),
      num("minute", 45),
      num("second", 30),
      id(4),
      LEARN,
      en("timeFormat", "24Hours", "24 hours"),
      en("amPm", "pm", "PM"),
      en("source", "realTimeClock", "Real Time Clock"),
    ],
  },
  {
    eep: "A5-13-05",
    data: "87012c58",
    shows: "elevation 135 - 90 = 45°, azimuth 0b100101100 = 300°",
    entries: [num("elevation", 45, "°"), num("azimuth", 300, "°"), id(5), LEARN],
  },
]);
