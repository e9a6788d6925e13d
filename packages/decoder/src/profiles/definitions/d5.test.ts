import { describeProfileCases, en } from "../../../test/profile-cases";
import { D5_PROFILES } from "./d5";

describeProfileCases("D5 (1BS)", D5_PROFILES, [
  {
    eep: "D5-00-01",
    data: "09",
    shows: "LRN (offset 4) = 1, CO (offset 7) = 1",
    entries: [en("learn", "notPressed", "not pressed"), en("contact", "closed", "closed")],
  },
  {
    eep: "D5-00-01",
    data: "08",
    shows: "CO = 0",
    entries: [en("learn", "notPressed", "not pressed"), en("contact", "open", "open")],
  },
  { eep: "D5-00-01", data: "0909", shows: "two data bytes", error: "EEP_DECODE_ERROR" },
]);
