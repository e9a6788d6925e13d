import type { ProfileDefinition } from "./definition";
import { A5_02_PROFILES } from "./definitions/a5-02";
import { A5_04_PROFILES } from "./definitions/a5-04";
import { A5_06_PROFILES } from "./definitions/a5-06";
import { A5_07_PROFILES } from "./definitions/a5-07";
import { A5_08_PROFILES } from "./definitions/a5-08";
import { A5_09_PROFILES } from "./definitions/a5-09";
import { A5_10_PROFILES } from "./definitions/a5-10";
import { A5_11_PROFILES } from "./definitions/a5-11";
import { A5_12_PROFILES } from "./definitions/a5-12";
import { A5_13_PROFILES } from "./definitions/a5-13";
import { A5_14_PROFILES } from "./definitions/a5-14";
import { A5_20_PROFILES } from "./definitions/a5-20";
import { A5_30_PROFILES } from "./definitions/a5-30";
import { A5_38_PROFILES } from "./definitions/a5-38";
import { D2_01_PROFILES } from "./definitions/d2-01";
import { D2_03_PROFILES } from "./definitions/d2-03";
import { D2_05_PROFILES } from "./definitions/d2-05";
import { D2_14_PROFILES } from "./definitions/d2-14";
import { D2_15_PROFILES } from "./definitions/d2-15";
import { D2_32_PROFILES } from "./definitions/d2-32";
import { D2_B1_PROFILES } from "./definitions/d2-b1";
import { D5_PROFILES } from "./definitions/d5";
import { F6_PROFILES } from "./definitions/f6";

/** Every profile definition, in catalogue order. */
export const PROFILE_DEFINITIONS: readonly ProfileDefinition[] = [
  ...F6_PROFILES,
  ...D5_PROFILES,
  ...A5_02_PROFILES,
  ...A5_04_PROFILES,
  ...A5_06_PROFILES,
  ...A5_07_PROFILES,
  ...A5_08_PROFILES,
  ...A5_09_PROFILES,
  ...A5_10_PROFILES,
  ...A5_11_PROFILES,
  ...A5_12_PROFILES,
  ...A5_13_PROFILES,
  ...A5_14_PROFILES,
  ...A5_20_PROFILES,
  ...A5_30_PROFILES,
  ...A5_38_PROFILES,
  ...D2_01_PROFILES,
  ...D2_03_PROFILES,
  ...D2_05_PROFILES,
  ...D2_14_PROFILES,
  ...D2_15_PROFILES,
  ...D2_32_PROFILES,
  ...D2_B1_PROFILES,
];

/** The EEPs IoTC supports (product documentation 1.0.4); their keys, units and meanings follow IoTC. */
export const IOTC_PROFILES: readonly string[] = [
  "F6-03-02",
  "A5-02-05",
  "A5-04-01",
  "A5-04-03",
  "A5-06-02",
  "A5-06-03",
  "A5-07-01",
  "A5-07-03",
  "A5-08-01",
  "A5-08-02",
  "A5-08-03",
  "A5-09-04",
  "A5-09-09",
  "A5-12-00",
  "A5-14-05",
  "D2-14-40",
  "D2-14-41",
  "D2-14-52",
  "D2-15-00",
  "D2-32-00",
  "D2-32-01",
  "D2-32-02",
  "D2-B1-00",
  "D5-00-01",
];
