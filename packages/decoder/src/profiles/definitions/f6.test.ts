import { describeProfileCases, en, reserved } from "../../../test/profile-cases";
import { F6_PROFILES } from "./f6";

// RPS: one data byte; the status byte's NU bit (0x10) selects N- or U-message.
const N = 0x30; // T21 = 1, NU = 1
const U = 0x20; // T21 = 1, NU = 0
const EB_PRESSED = en("energybow", "pressed", "Energy Bow pressed");
const EB_RELEASED = en("energybow", "released", "Energy Bow released");
const NO_SECOND = en("secondAction", "noSecondAction", "No 2nd action");
const SECOND = en("secondAction", "secondActionValid", "2nd action valid");

describeProfileCases("F6 (RPS)", F6_PROFILES, [
  {
    eep: "F6-01-01",
    data: "10",
    status: N,
    shows: "PB (offset 3) = 1",
    entries: [en("pushButton", "pressed", "Pressed")],
  },
  { eep: "F6-01-01", data: "00", status: U, shows: "PB = 0", entries: [en("pushButton", "released", "Released")] },
  {
    eep: "F6-02-01",
    data: "30",
    status: N,
    shows: "R1 = 001 (A0), EB = 1, SA = 0: no second rocker entry",
    entries: [en("rockerFirstAction", "buttonA0", "Button A0"), EB_PRESSED, NO_SECOND],
  },
  {
    eep: "F6-02-01",
    data: "70",
    status: U,
    shows: "U-message R1 = 011: 3 or 4 buttons",
    entries: [en("buttonsPressed", "3or4Buttons", "3 or 4 buttons pressed"), EB_PRESSED],
  },
  {
    eep: "F6-02-02",
    data: "57",
    status: N,
    shows: "R1 = 010 (BI), EB = 1, R2 = 011 (B0), SA = 1",
    entries: [
      en("rockerFirstAction", "buttonBI", "Button BI"),
      EB_PRESSED,
      en("rockerSecondAction", "buttonB0", "Button B0"),
      SECOND,
    ],
  },
  {
    eep: "F6-03-01",
    data: "d0",
    status: N,
    shows: "R1 = 110 (DI), EB = 1",
    entries: [en("rockerFirstAction", "buttonDI", "Button DI"), EB_PRESSED, NO_SECOND],
  },
  {
    eep: "F6-03-02",
    data: "b9",
    status: N,
    shows: "R1 = 101 (C0), EB = 1, R2 = 100 (CI), SA = 1",
    entries: [
      en("rockerFirstAction", "buttonC0", "Button C0"),
      EB_PRESSED,
      en("rockerSecondAction", "buttonCI", "Button CI"),
      SECOND,
    ],
  },
  {
    eep: "F6-03-02",
    data: "f0",
    status: U,
    shows: "U-message R1 = 111: 8 buttons",
    entries: [en("buttonsPressed", "8Buttons", "8 buttons pressed"), EB_PRESSED],
  },
  {
    eep: "F6-03-02",
    data: "00",
    status: 0x20,
    shows: "IoTC PTM 215 release: only the energy bow",
    entries: [EB_RELEASED],
  },
  {
    eep: "F6-04-01",
    data: "70",
    status: N,
    shows: "0x70 = key card inserted",
    entries: [en("keyCard", "inserted", "Key card inserted")],
  },
  {
    eep: "F6-04-01",
    data: "00",
    status: U,
    shows: "0x00 = key card taken out",
    entries: [en("keyCard", "takenOut", "Key card taken out")],
  },
  { eep: "F6-04-01", data: "10", status: U, shows: "undefined value", entries: [reserved("keyCard")] },
  {
    eep: "F6-05-01",
    data: "11",
    status: N,
    shows: "0x11 = water detected",
    entries: [en("waterSensor", "waterDetected", "Water detected")],
  },
  {
    eep: "F6-05-02",
    data: "10",
    status: N,
    shows: "0x10 = smoke alarm on",
    entries: [en("smokeAlarm", "smokeAlarmOn", "Smoke alarm on")],
  },
  {
    eep: "F6-05-02",
    data: "30",
    status: N,
    shows: "0x30 = energy low",
    entries: [en("smokeAlarm", "energyLow", "Energy low")],
  },
  {
    eep: "F6-05-02",
    data: "00",
    status: U,
    shows: "0x00 = alarm off",
    entries: [en("smokeAlarm", "smokeAlarmOff", "Smoke alarm off")],
  },
  {
    eep: "F6-10-00",
    data: "c0",
    status: U,
    shows: "0b1100: handle horizontal",
    entries: [en("windowHandle", "open", "Handle horizontal (window open)")],
  },
  {
    eep: "F6-10-00",
    data: "e0",
    status: U,
    shows: "0b1110: handle horizontal",
    entries: [en("windowHandle", "open", "Handle horizontal (window open)")],
  },
  {
    eep: "F6-10-00",
    data: "f0",
    status: U,
    shows: "0b1111: handle down",
    entries: [en("windowHandle", "closed", "Handle down (window closed)")],
  },
  {
    eep: "F6-10-00",
    data: "d0",
    status: U,
    shows: "0b1101: handle up",
    entries: [en("windowHandle", "tilted", "Handle up (window tilted)")],
  },
  { eep: "F6-10-00", data: "80", status: U, shows: "0b1000: undefined", entries: [reserved("windowHandle")] },
  { eep: "F6-03-02", data: "3030", status: N, shows: "two data bytes", error: "EEP_DECODE_ERROR" },
]);
