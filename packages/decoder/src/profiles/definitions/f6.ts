import type { FieldDefinition, MessageDefinition, ProfileDefinition } from "../definition";
import { enumeration, type ItemTuple } from "./fields";

// RPS telegrams: one data byte; the layout is chosen by the status byte (NU = bit 4: 1 N-message,
// 0 U-message). T21 is not used to select: IoTC's PTM 215 example (status 0x20) decodes as U-message.

const ROCKERS_2: readonly ItemTuple[] = [
  [0, "buttonAI", "Button AI"],
  [1, "buttonA0", "Button A0"],
  [2, "buttonBI", "Button BI"],
  [3, "buttonB0", "Button B0"],
];
const ROCKERS_4: readonly ItemTuple[] = [
  ...ROCKERS_2,
  [4, "buttonCI", "Button CI"],
  [5, "buttonC0", "Button C0"],
  [6, "buttonDI", "Button DI"],
  [7, "buttonD0", "Button D0"],
];
const ENERGY_BOW = enumeration("energybow", "Energy Bow (EB)", 3, 1, [
  [0, "released", "Energy Bow released"],
  [1, "pressed", "Energy Bow pressed"],
]);

function rockerMessages(rockers: readonly ItemTuple[], buttonsPressed: readonly ItemTuple[]): MessageDefinition[] {
  const nMessage: FieldDefinition[] = [
    enumeration("rockerFirstAction", "Rocker 1st action (R1)", 0, 3, rockers),
    ENERGY_BOW,
    enumeration("rockerSecondAction", "Rocker 2nd action (R2)", 4, 3, rockers, { offset: 7, size: 1, equals: 1 }),
    enumeration("secondAction", "2nd action (SA)", 7, 1, [
      [0, "noSecondAction", "No 2nd action"],
      [1, "secondActionValid", "2nd action valid"],
    ]),
  ];
  const uMessage: FieldDefinition[] = [
    enumeration("buttonsPressed", "Number of buttons pressed simultaneously (R1)", 0, 3, buttonsPressed, {
      offset: 0,
      size: 3,
      notEquals: 0,
    }),
    ENERGY_BOW,
  ];
  return [
    { description: "N-message (NU = 1)", when: { status: "NU", equals: 1 }, fields: nMessage },
    { description: "U-message (NU = 0)", when: { status: "NU", equals: 0 }, fields: uMessage },
  ];
}

const BUTTONS_4_ROCKERS: readonly ItemTuple[] = [
  [0, "noButton", "No button pressed"],
  ...[1, 2, 3, 4, 5, 6, 7].map((raw): ItemTuple => [raw, `${raw + 1}Buttons`, `${raw + 1} buttons pressed`]),
];
const BUTTONS_2_ROCKERS: readonly ItemTuple[] = [
  [0, "noButton", "No button pressed"],
  [3, "3or4Buttons", "3 or 4 buttons pressed"],
];

export const F6_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "F6-01-01",
    title: "Switch buttons, push button",
    fields: [
      enumeration("pushButton", "Push button (PB)", 3, 1, [
        [0, "released", "Released"],
        [1, "pressed", "Pressed"],
      ]),
    ],
  },
  {
    eep: "F6-02-01",
    title: "Rocker switch, 2 rockers, light and blind control, application style 1",
    messages: rockerMessages(ROCKERS_2, BUTTONS_2_ROCKERS),
  },
  {
    eep: "F6-02-02",
    title: "Rocker switch, 2 rockers, light and blind control, application style 2",
    messages: rockerMessages(ROCKERS_2, BUTTONS_2_ROCKERS),
  },
  {
    eep: "F6-03-01",
    title: "Rocker switch, 4 rockers, light and blind control, application style 1",
    messages: rockerMessages(ROCKERS_4, BUTTONS_4_ROCKERS),
  },
  {
    eep: "F6-03-02",
    title: "Rocker switch, 4 rockers, light and blind control, application style 2",
    messages: rockerMessages(ROCKERS_4, BUTTONS_4_ROCKERS),
  },
  {
    eep: "F6-04-01",
    title: "Position switch, key card activated switch",
    fields: [
      enumeration("keyCard", "Key card (KC)", 0, 8, [
        [0x70, "inserted", "Key card inserted"],
        [0x00, "takenOut", "Key card taken out"],
      ]),
    ],
  },
  {
    eep: "F6-05-01",
    title: "Detectors, liquid leakage sensor (mechanic harvester)",
    fields: [enumeration("waterSensor", "Water sensor (WAS)", 0, 8, [[0x11, "waterDetected", "Water detected"]])],
  },
  {
    eep: "F6-05-02",
    title: "Detectors, smoke detector",
    fields: [
      enumeration("smokeAlarm", "Status of detection (SMO)", 0, 8, [
        [0x00, "smokeAlarmOff", "Smoke alarm off"],
        [0x10, "smokeAlarmOn", "Smoke alarm on"],
        [0x30, "energyLow", "Energy low"],
      ]),
    ],
  },
  {
    eep: "F6-10-00",
    title: "Mechanical handle, window handle",
    fields: [
      enumeration("windowHandle", "Window handle (WIN)", 0, 4, [
        [0b1100, "open", "Handle horizontal (window open)"],
        [0b1110, "open", "Handle horizontal (window open)"],
        [0b1111, "closed", "Handle down (window closed)"],
        [0b1101, "tilted", "Handle up (window tilted)"],
      ]),
    ],
  },
];
