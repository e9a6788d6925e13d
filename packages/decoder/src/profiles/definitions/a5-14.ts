import type { FieldDefinition, ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled, supplyVoltage250 } from "./fields";

// A5-14: multi-function sensors with supply voltage monitor (DB3, 0..250 -> 0..5 V, 251..255
// reserved for error codes) and optional illumination (DB2, 0..250 -> 0..1000 lx).

const ILLUMINATION = scaled("illumination", "Illumination (ILL)", 8, 8, [0, 250], [0, 1000], "lx");
const vibration = (offset: number) =>
  enumeration("vibration", "Vibration (VIB)", offset, 1, [
    [0, "noVibrationDetected", "No vibration detected"],
    [1, "vibrationDetected", "Vibration detected"],
  ]);
const CONTACT = enumeration("contact", "Contact (CT)", 31, 1, [
  [0, "open", "Open"],
  [1, "closed", "Closed"],
]);
const WINDOW_CONTACT = enumeration("contact", "Contact (CT)", 29, 2, [
  [0, "closed", "Closed"],
  [1, "tilted", "Tilt"],
  [3, "open", "Open"],
]);

const sensor = (type: string, title: string, fields: FieldDefinition[]): ProfileDefinition => ({
  eep: `A5-14-${type}`,
  title: `Multi-function sensor, ${title}`,
  fields: [supplyVoltage250(), ...fields, LEARN_4BS],
});

export const A5_14_PROFILES: readonly ProfileDefinition[] = [
  sensor("01", "single input contact (window/door), supply voltage monitor", [CONTACT]),
  sensor("02", "single input contact (window/door), supply voltage monitor and illumination", [ILLUMINATION, CONTACT]),
  sensor("03", "single input contact (window/door), supply voltage monitor and vibration", [vibration(30), CONTACT]),
  sensor("04", "single input contact (window/door), supply voltage monitor, vibration and illumination", [
    ILLUMINATION,
    vibration(30),
    CONTACT,
  ]),
  sensor("05", "vibration/tilt, supply voltage monitor", [vibration(30)]),
  sensor("06", "vibration/tilt, illumination and supply voltage monitor", [ILLUMINATION, vibration(30)]),
  sensor("09", "window/door sensor with states open/closed/tilt, supply voltage monitor", [WINDOW_CONTACT]),
  sensor("0A", "window/door sensor with states open/closed/tilt, vibration detection, supply voltage monitor", [
    WINDOW_CONTACT,
    vibration(31),
  ]),
];
