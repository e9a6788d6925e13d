import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_30_PROFILES } from "./a5-30";

const low = (key: string) => en(key, "low", "Low");
const high = (key: string) => en(key, "high", "High");

describeProfileCases("A5-30 (digital input)", A5_30_PROFILES, [
  {
    eep: "A5-30-01",
    data: "0078c408",
    shows: "battery 120 = low, input 196 = open",
    entries: [en("batteryStatus", "batteryLow", "Battery low"), en("inputState", "contactOpen", "Contact open"), LEARN],
  },
  {
    eep: "A5-30-01",
    data: "0079c308",
    shows: "battery 121 = OK, input 195 = closed",
    entries: [
      en("batteryStatus", "batteryOk", "Battery OK"),
      en("inputState", "contactClosed", "Contact closed"),
      LEARN,
    ],
  },
  {
    eep: "A5-30-02",
    data: "00000009",
    shows: "IPS = 1 = open",
    entries: [LEARN, en("inputState", "contactOpen", "Contact open")],
  },
  {
    eep: "A5-30-02",
    data: "00000008",
    shows: "IPS = 0 = closed",
    entries: [LEARN, en("inputState", "contactClosed", "Contact closed")],
  },
  {
    eep: "A5-30-03",
    data: "00801508",
    shows: "TMP 128 = 19.92 °C, DB1 = 0001 0101",
    entries: [
      num("temperature", 19.92, "°C"),
      high("wake"),
      low("digitalInput3"),
      high("digitalInput2"),
      low("digitalInput1"),
      high("digitalInput0"),
      LEARN,
    ],
  },
]);
