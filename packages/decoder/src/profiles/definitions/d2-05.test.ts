import { describeProfileCases, en, num } from "../../../test/profile-cases";
import { D2_05_PROFILES } from "./d2-05";

describeProfileCases("D2-05 (blinds control)", D2_05_PROFILES, [
  {
    eep: "D2-05-00",
    data: "327f0104",
    shows: "reply: position 50 %, angle unknown, blockage, channel 0",
    entries: [
      num("position", 50, "%"),
      en("angle", "unknown", "Angle unknown"),
      en("lockingMode", "blockage", "Blockage mode"),
      num("channel", 0),
      en("command", "replyPositionAndAngle", "Reply Position and Angle"),
    ],
  },
  {
    eep: "D2-05-00",
    data: "640010f1",
    shows: "go to: position 100 %, angle 0 %, up first, all channels",
    entries: [
      num("position", 100, "%"),
      num("angle", 0, "%"),
      en("repositioning", "upFirst", "Go up (0%), then to POS/ANG"),
      en("lockingMode", "doNotChange", "Do not change"),
      en("channel", "allChannels", "All channels"),
      en("command", "goToPositionAndAngle", "Go to Position and Angle"),
    ],
  },
  {
    eep: "D2-05-00",
    data: "f2",
    shows: "stop all channels",
    entries: [en("channel", "allChannels", "All channels"), en("command", "stop", "Stop")],
  },
  {
    eep: "D2-05-00",
    data: "13",
    shows: "query channel 1",
    entries: [num("channel", 1), en("command", "queryPositionAndAngle", "Query Position and Angle")],
  },
  { eep: "D2-05-00", data: "00000005", shows: "command 5 is not decoded", error: "EEP_DECODE_ERROR" },
]);
