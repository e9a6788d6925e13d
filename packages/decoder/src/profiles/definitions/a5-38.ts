import type { ProfileDefinition } from "../definition";
import { enumeration, LEARN_4BS, scaled } from "./fields";

// A5-38-08: central command (gateway -> actuator). Decoded when such a command is overheard; the
// command number in DB3 selects the layout. Commands other than switching and dimming are not
// decoded (EEP_DECODE_ERROR).

const SWITCHING_COMMAND = enumeration("switchingCommand", "Switching command (SW)", 31, 1, [
  [0, "off", "Off"],
  [1, "on", "On"],
]);

export const A5_38_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "A5-38-08",
    title: "Central command, gateway (switching, dimming)",
    messages: [
      {
        description: "Command 1: switching",
        when: { offset: 0, size: 8, equals: 1 },
        fields: [
          enumeration("command", "Command ID (COM)", 0, 8, [[1, "switching", "Switching"]]),
          scaled("time", "Time (TIM)", 8, 16, [0, 65535], [0, 6553.5], "s"),
          LEARN_4BS,
          enumeration("lockingMode", "Lock/Unlock (LCK)", 29, 1, [
            [0, "unlock", "Unlock"],
            [1, "lock", "Lock"],
          ]),
          enumeration("delayOrDuration", "Delay or duration (DEL)", 30, 1, [
            [0, "duration", "Duration"],
            [1, "delay", "Delay"],
          ]),
          SWITCHING_COMMAND,
        ],
      },
      {
        description: "Command 2: dimming",
        when: { offset: 0, size: 8, equals: 2 },
        fields: [
          enumeration("command", "Command ID (COM)", 0, 8, [[2, "dimming", "Dimming"]]),
          scaled("dimmingValue", "Dimming value (EDIM)", 8, 8, [0, 255], [0, 255], undefined),
          scaled("rampingTime", "Ramping time (RMP)", 16, 8, [0, 255], [0, 255], "s"),
          LEARN_4BS,
          enumeration("dimmingRange", "Dimming range (EDIMR)", 29, 1, [
            [0, "absolute", "Absolute value"],
            [1, "relative", "Relative value"],
          ]),
          enumeration("storeFinalValue", "Store final value (STR)", 30, 1, [
            [0, "no", "No"],
            [1, "yes", "Yes"],
          ]),
          SWITCHING_COMMAND,
        ],
      },
    ],
  },
];
