import { describeProfileCases, en, invalid, num } from "../../../test/profile-cases";
import { D2_03_PROFILES } from "./d2-03";

describeProfileCases("D2-03 (push buttons)", D2_03_PROFILES, [
  {
    eep: "D2-03-0A",
    data: "6401",
    shows: "battery 100 %, single press",
    entries: [num("batteryLevel", 100, "%"), en("buttonAction", "singlePress", "Single press")],
  },
  {
    eep: "D2-03-0A",
    data: "0004",
    shows: "battery 0 outside 1..100, long press released",
    entries: [invalid("batteryLevel"), en("buttonAction", "longPressReleased", "Long press released")],
  },
]);
