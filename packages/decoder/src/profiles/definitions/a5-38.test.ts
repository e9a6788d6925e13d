import { describeProfileCases, en, LEARN, num } from "../../../test/profile-cases";
import { A5_38_PROFILES } from "./a5-38";

describeProfileCases("A5-38 (central command)", A5_38_PROFILES, [
  {
    eep: "A5-38-08",
    data: "0100640b",
    shows: "switching: TIM 100 = 10 s, delay, on",
    entries: [
      en("command", "switching", "Switching"),
      num("time", 10, "s"),
      LEARN,
      en("lockingMode", "unlock", "Unlock"),
      en("delayOrDuration", "delay", "Delay"),
      en("switchingCommand", "on", "On"),
    ],
  },
  {
    eep: "A5-38-08",
    data: "02800509",
    shows: "dimming: value 128, ramp 5 s, absolute, on",
    entries: [
      en("command", "dimming", "Dimming"),
      num("dimmingValue", 128),
      num("rampingTime", 5, "s"),
      LEARN,
      en("dimmingRange", "absolute", "Absolute value"),
      en("storeFinalValue", "no", "No"),
      en("switchingCommand", "on", "On"),
    ],
  },
  { eep: "A5-38-08", data: "03000008", shows: "command 3 is not decoded", error: "EEP_DECODE_ERROR" },
]);
