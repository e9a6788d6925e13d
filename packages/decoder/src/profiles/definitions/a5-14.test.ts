import { describeProfileCases, en, invalid, LEARN, num, reserved } from "../../../test/profile-cases";
import { A5_14_PROFILES } from "./a5-14";

const VIBRATION = en("vibration", "vibrationDetected", "Vibration detected");
const NO_VIBRATION = en("vibration", "noVibrationDetected", "No vibration detected");
const OPEN = en("contact", "open", "Open");
const CLOSED = en("contact", "closed", "Closed");

describeProfileCases("A5-14 (multi-function sensors)", A5_14_PROFILES, [
  {
    eep: "A5-14-01",
    data: "7d000009",
    shows: "SVC 125 = 2.5 V, contact closed",
    entries: [num("supplyVoltage", 2.5, "V"), LEARN, CLOSED],
  },
  {
    eep: "A5-14-02",
    data: "fa7d0008",
    shows: "SVC 250 = 5 V, ILL 125 * 1000/250 = 500 lx, contact open",
    entries: [num("supplyVoltage", 5, "V"), num("illumination", 500, "lx"), LEARN, OPEN],
  },
  {
    eep: "A5-14-03",
    data: "c800000b",
    shows: "SVC 200 = 4 V, vibration, contact closed",
    entries: [num("supplyVoltage", 4, "V"), LEARN, VIBRATION, CLOSED],
  },
  {
    eep: "A5-14-04",
    data: "64fa000a",
    shows: "SVC 100 = 2 V, ILL 250 = 1000 lx, vibration, contact open",
    entries: [num("supplyVoltage", 2, "V"), num("illumination", 1000, "lx"), LEARN, VIBRATION, OPEN],
  },
  {
    eep: "A5-14-05",
    data: "fc000008",
    shows: "SVC 252 reserved for error codes",
    entries: [invalid("supplyVoltage"), LEARN, NO_VIBRATION],
  },
  {
    eep: "A5-14-06",
    data: "32fb000a",
    shows: "SVC 50 = 1 V, ILL 251 beyond 0..250, vibration",
    entries: [num("supplyVoltage", 1, "V"), invalid("illumination"), LEARN, VIBRATION],
  },
  {
    eep: "A5-14-09",
    data: "96000008",
    shows: "SVC 150 = 3 V, CT 00 = closed",
    entries: [num("supplyVoltage", 3, "V"), LEARN, CLOSED],
  },
  {
    eep: "A5-14-09",
    data: "9600000a",
    shows: "CT 01 = tilt",
    entries: [num("supplyVoltage", 3, "V"), LEARN, en("contact", "tilted", "Tilt")],
  },
  { eep: "A5-14-09", data: "9600000e", shows: "CT 11 = open", entries: [num("supplyVoltage", 3, "V"), LEARN, OPEN] },
  {
    eep: "A5-14-09",
    data: "9600000c",
    shows: "CT 10 is reserved",
    entries: [num("supplyVoltage", 3, "V"), LEARN, reserved("contact")],
  },
  {
    eep: "A5-14-0A",
    data: "fa00000f",
    shows: "SVC 250 = 5 V, CT 11 = open, vibration (DB0.0)",
    entries: [num("supplyVoltage", 5, "V"), LEARN, OPEN, VIBRATION],
  },
]);
