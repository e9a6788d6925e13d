import { describeProfileCases, en, invalid, LEARN, num } from "../../../test/profile-cases";
import { A5_10_PROFILES } from "./a5-10";

// Types 01..0D: temperature DB1 on 255..0 -> 0..40 °C: raw 128 -> 127 * 40/255 = 19.92,
// 51 -> 32, 102 -> 24, 153 -> 16, 204 -> 8, 0 -> 40, 255 -> 0.
const fan = (value: string, meaning: string) => en("fanSpeed", value, meaning);
const sp = (value: number) => num("setPoint", value);
const tmp = (value: number) => num("temperature", value, "°C");
const PRESSED = en("occupancyButton", "pressed", "Button pressed");
const RELEASED = en("occupancyButton", "released", "Button released");
const POSITION_I = en("slideSwitch", "positionI", "Position I / Night / Off");
const POSITION_O = en("slideSwitch", "positionO", "Position O / Day / On");

describeProfileCases("A5-10 (room operating panels)", A5_10_PROFILES, [
  {
    eep: "A5-10-01",
    data: "d2800009",
    shows: "FAN 210 = auto, SP 128, TMP 0 = 40 °C, OCC released",
    entries: [fan("stageAuto", "Stage Auto"), sp(128), tmp(40), LEARN, RELEASED],
  },
  {
    eep: "A5-10-02",
    data: "bf00ff08",
    shows: "FAN 191 = stage 0, SP 0, TMP 255 = 0 °C, slide switch I",
    entries: [fan("stage0", "Stage 0"), sp(0), tmp(0), LEARN, POSITION_I],
  },
  { eep: "A5-10-03", data: "00408008", shows: "SP 64, TMP 128 = 19.92 °C", entries: [sp(64), tmp(19.92), LEARN] },
  {
    eep: "A5-10-04",
    data: "a5ff3308",
    shows: "FAN 165 = stage 1, SP 255, TMP 51 = 32 °C",
    entries: [fan("stage1", "Stage 1"), sp(255), tmp(32), LEARN],
  },
  {
    eep: "A5-10-05",
    data: "0010cc09",
    shows: "SP 16, TMP 204 = 8 °C, released",
    entries: [sp(16), tmp(8), LEARN, RELEASED],
  },
  {
    eep: "A5-10-06",
    data: "00206609",
    shows: "SP 32, TMP 102 = 24 °C, position O",
    entries: [sp(32), tmp(24), LEARN, POSITION_O],
  },
  {
    eep: "A5-10-07",
    data: "90009908",
    shows: "FAN 144 = stage 3, TMP 153 = 16 °C",
    entries: [fan("stage3", "Stage 3"), tmp(16), LEARN],
  },
  {
    eep: "A5-10-08",
    data: "91000008",
    shows: "FAN 145 = stage 2, TMP 0 = 40 °C, pressed",
    entries: [fan("stage2", "Stage 2"), tmp(40), LEARN, PRESSED],
  },
  {
    eep: "A5-10-09",
    data: "fe00ff09",
    shows: "FAN 254 = auto, TMP 255 = 0 °C, position O",
    entries: [fan("stageAuto", "Stage Auto"), tmp(0), LEARN, POSITION_O],
  },
  {
    eep: "A5-10-0A",
    data: "007f8009",
    shows: "SP 127, TMP 128 = 19.92 °C, contact open",
    entries: [sp(127), tmp(19.92), LEARN, en("contact", "open", "Open")],
  },
  {
    eep: "A5-10-0B",
    data: "00003308",
    shows: "TMP 51 = 32 °C, contact closed",
    entries: [tmp(32), LEARN, en("contact", "closed", "Closed")],
  },
  { eep: "A5-10-0C", data: "0000cc08", shows: "TMP 204 = 8 °C, pressed", entries: [tmp(8), LEARN, PRESSED] },
  { eep: "A5-10-0D", data: "00006608", shows: "TMP 102 = 24 °C, position I", entries: [tmp(24), LEARN, POSITION_I] },
  // Types 10..14: humidity DB2 0..250 -> 0..100 %, temperature DB1 0..250 -> 0..40 °C.
  {
    eep: "A5-10-10",
    data: "807dc809",
    shows: "SP 128, HUM 125 = 50 %, TMP 200 = 32 °C, released",
    entries: [sp(128), num("humidity", 50, "%"), tmp(32), LEARN, RELEASED],
  },
  {
    eep: "A5-10-11",
    data: "00fa0008",
    shows: "SP 0, HUM 250 = 100 %, TMP 0 = 0 °C, position I",
    entries: [sp(0), num("humidity", 100, "%"), tmp(0), LEARN, POSITION_I],
  },
  {
    eep: "A5-10-12",
    data: "ff327d08",
    shows: "SP 255, HUM 50 = 20 %, TMP 125 = 20 °C",
    entries: [sp(255), num("humidity", 20, "%"), tmp(20), LEARN],
  },
  {
    eep: "A5-10-13",
    data: "00649608",
    shows: "HUM 100 = 40 %, TMP 150 = 24 °C, pressed",
    entries: [num("humidity", 40, "%"), tmp(24), LEARN, PRESSED],
  },
  {
    eep: "A5-10-14",
    data: "00c8fb09",
    shows: "HUM 200 = 80 %, TMP 251 is beyond 0..250, position O",
    entries: [num("humidity", 80, "%"), invalid("temperature"), LEARN, POSITION_O],
  },
  // Types 15..17: SP DB2.7..2 (6 bits), TMP DB2.1..DB1.0 (10 bits) on 1023..0 -> -10..+41.2 °C.
  {
    eep: "A5-10-15",
    data: "00820008",
    shows: "SP 32, TMP 512 = -10 + 511 * 51.2/1023 = 15.57 °C",
    entries: [sp(32), tmp(15.57), LEARN],
  },
  {
    eep: "A5-10-16",
    data: "00ffff09",
    shows: "SP 63, TMP 1023 = -10 °C, released",
    entries: [sp(63), tmp(-10), LEARN, RELEASED],
  },
  { eep: "A5-10-17", data: "00000008", shows: "TMP 0 = 41.2 °C, pressed", entries: [tmp(41.2), LEARN, PRESSED] },
]);
