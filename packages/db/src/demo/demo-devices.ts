import type { DeviceInput } from "../repos/devices";

/** The demo tenant's sensors. The first two are the IoTC documentation's examples; the simulated
 * gateway (packages/testkit) sends telegrams for each of them. */
// Demo devices are EnOcean sensors: every one has its EEP.
export const DEMO_DEVICES: (DeviceInput & { eep: string })[] = [
  { sourceEurid: "04138bb4", eep: "D2-14-41", friendlyId: "Multisensor 1", location: "Cloud center", tags: ["demo", "multisensor"], expectedIntervalSec: 60 },
  { sourceEurid: "051b03c9", eep: "A5-09-09", friendlyId: "co2_Hardware2", location: "Hardware 2", tags: ["demo", "air-quality"], expectedIntervalSec: 60 },
  { sourceEurid: "01a2b3c4", eep: "A5-02-05", friendlyId: "Room 101 temperature", location: "Level 1 / Room 101", tags: ["demo", "hvac"], expectedIntervalSec: 60 },
  { sourceEurid: "01a2b3c5", eep: "A5-04-01", friendlyId: "Room 102 climate", location: "Level 1 / Room 102", tags: ["demo", "hvac"], expectedIntervalSec: 60 },
  { sourceEurid: "01a2b3c6", eep: "A5-07-01", friendlyId: "Corridor occupancy", location: "Level 1 / Corridor", tags: ["demo", "occupancy"], expectedIntervalSec: 60 },
  { sourceEurid: "01a2b3c7", eep: "D5-00-01", friendlyId: "Meeting room window", location: "Level 2 / Room 201", tags: ["demo", "contacts"], expectedIntervalSec: 900 },
  { sourceEurid: "01a2b3c8", eep: "F6-03-02", friendlyId: "Entrance switch", location: "Ground floor / Entrance", tags: ["demo", "switches"] },
];
