import { describeProfileCases, en, num } from "../../../test/profile-cases";
import { D2_32_PROFILES } from "./d2-32";

const PF_NO = en("powerFailureDetected", "False", "False");
const DIV_1 = en("divisor", "x/1", "x/1");
const DIV_10 = en("divisor", "x/10", "x/10");

describeProfileCases("D2-32 (A.C. current clamps)", D2_32_PROFILES, [
  {
    eep: "D2-32-00",
    data: "80fff0",
    shows: "power fail, CH1 0xFFF = 4095 A",
    entries: [en("powerFailureDetected", "True", "True"), DIV_1, num("currentChannel1", 4095, "A")],
  },
  {
    eep: "D2-32-01",
    data: "40001fff",
    shows: "divisor 10: CH1 1 = 0.1 A, CH2 4095 = 409.5 A",
    entries: [PF_NO, DIV_10, num("currentChannel1", 0.1, "A"), num("currentChannel2", 409.5, "A")],
  },
  {
    eep: "D2-32-02",
    data: "400100200300",
    shows: "divisor 10: CH1 16, CH2 32, CH3 48 -> 1.6, 3.2, 4.8 A",
    entries: [
      PF_NO,
      DIV_10,
      num("currentChannel1", 1.6, "A"),
      num("currentChannel2", 3.2, "A"),
      num("currentChannel3", 4.8, "A"),
    ],
  },
]);
