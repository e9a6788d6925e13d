import { describeProfileCases, en, invalid, num } from "../../../test/profile-cases";
import { D2_14_PROFILES } from "./d2-14";

describeProfileCases("D2-14 (multi-function sensors)", D2_14_PROFILES, [
  {
    eep: "D2-14-40",
    data: "9619003e93e8007d00",
    shows: "TMP 600 = 20 °C, HUM 100 = 50 %, ILL 500 lx, threshold 2, X 500 = 0 g, Y 0 = -2.5 g, Z 1000 = 2.5 g",
    entries: [
      num("temperature", 20, "°C"),
      num("humidity", 50, "%"),
      num("illumination", 500, "lx"),
      en("accelerationStatus", "threshold2Exceeded", "Threshold 2 exceeded"),
      num("accelerationX", 0, "g"),
      num("accelerationY", -2.5, "g"),
      num("accelerationZ", 2.5, "g"),
    ],
  },
  {
    eep: "D2-14-41",
    data: "9fce800863b502a620",
    shows: "IoTC multisensor example: raw 639, 58, 67, 0, 474, 517, 305, 0",
    entries: [
      num("temperature", 23.9, "°C"),
      num("humidity", 29, "%"),
      num("illumination", 67, "lx"),
      en("accelerationStatus", "heartbeat", "Heartbeat"),
      num("accelerationX", -0.13, "g"),
      num("accelerationY", 0.08, "g"),
      num("accelerationZ", -0.97, "g"),
      en("contact", "open", "Window opened"),
    ],
  },
  {
    eep: "D2-14-41",
    data: "fa3f800863b502a630",
    shows: "TMP 1000 = 60 °C; HUM 254 = supported but invalid; Z 305; contact closed",
    entries: [
      num("temperature", 60, "°C"),
      en("humidity", "invalid", "Supported + Invalid"),
      num("illumination", 67, "lx"),
      en("accelerationStatus", "heartbeat", "Heartbeat"),
      num("accelerationX", -0.13, "g"),
      num("accelerationY", 0.08, "g"),
      num("accelerationZ", -0.97, "g"),
      en("contact", "closed", "Window closed"),
    ],
  },
  {
    eep: "D2-14-40",
    data: "fa7f800863b502a620",
    shows: "TMP 1001 reserved, HUM 254 reserved in D2-14-40",
    entries: [
      invalid("temperature"),
      invalid("humidity"),
      num("illumination", 67, "lx"),
      en("accelerationStatus", "heartbeat", "Heartbeat"),
      num("accelerationX", -0.13, "g"),
      num("accelerationY", 0.08, "g"),
      num("accelerationZ", -0.97, "g"),
    ],
  },
  {
    eep: "D2-14-52",
    data: "7d7ffffffe",
    shows: "TMP 250 = 25 °C, ILL error, presence detector error, sound pressure error",
    entries: [
      num("temperature", 25, "°C"),
      en("illumination", "error", "Error"),
      en("presence", "presenceDetectorError", "Presence Detector error"),
      en("soundPressure", "error", "Error"),
    ],
  },
  { eep: "D2-14-41", data: "9fce800863b502a6", shows: "8 bytes instead of 9", error: "EEP_DECODE_ERROR" },
]);
