import { describeProfileCases, en, num, reserved } from "../../../test/profile-cases";
import { D2_B1_PROFILES } from "./d2-b1";

describeProfileCases("D2-B1 (level sensor)", D2_B1_PROFILES, [
  {
    eep: "D2-B1-00",
    data: "05ff0a",
    shows: "channel 5, level 255 = 100 %, error code 0x0A >> 1 = 5",
    entries: [
      num("channel", 5),
      num("levelOfMaterial", 100, "%"),
      en("errorCode", "communicationErrorWithSensors", "Communication error with sensors"),
    ],
  },
  {
    eep: "D2-B1-00",
    data: "00000e",
    shows: "error code 7 is reserved",
    entries: [num("channel", 0), num("levelOfMaterial", 0, "%"), reserved("errorCode")],
  },
]);
