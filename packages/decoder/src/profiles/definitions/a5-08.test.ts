import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_08_PROFILES } from "./a5-08";

const PIR_ON = en("pirStatus", "pirOn", "PIR on");
const PIR_OFF = en("pirStatus", "pirOff", "PIR off");
const PRESSED = en("occupancyButton", "pressed", "Button pressed");
const RELEASED = en("occupancyButton", "released", "Button released");

describeProfileCases("A5-08 (light, temperature, occupancy)", A5_08_PROFILES, [
  {
    eep: "A5-08-01",
    data: "ff808008",
    shows: "SVC 255 = 5.1 V, ILL 128 * 510/255 = 256 lx, TMP 128 * 51/255 = 25.6 °C, PIR on, button pressed",
    entries: [
      num("supplyVoltage", 5.1, "V"),
      num("illumination", 256, "lx"),
      num("temperature", 25.6, "°C"),
      LEARN,
      PIR_ON,
      PRESSED,
    ],
  },
  {
    eep: "A5-08-02",
    data: "00ff000b",
    shows: "ILL 255 = 1020 lx, TMP 0 = 0 °C, PIR off, button released",
    entries: [
      num("supplyVoltage", 0, "V"),
      num("illumination", 1020, "lx"),
      num("temperature", 0, "°C"),
      LEARN,
      PIR_OFF,
      RELEASED,
    ],
  },
  {
    eep: "A5-08-03",
    data: "6633cc0a",
    shows: "SVC 102 = 2.04 V, ILL 51 * 1530/255 = 306 lx, TMP -30 + 204 * 80/255 = 34 °C",
    entries: [
      num("supplyVoltage", 2.04, "V"),
      num("illumination", 306, "lx"),
      num("temperature", 34, "°C"),
      LEARN,
      PIR_OFF,
      PRESSED,
    ],
  },
]);
