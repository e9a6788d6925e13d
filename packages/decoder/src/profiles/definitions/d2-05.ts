import type { ProfileDefinition } from "../definition";
import { enumeration, number, scaled } from "./fields";

// D2-05-00: blinds control for position and angle. 4-byte messages carry the command in DB0.3..0
// (offset 28), 1-byte messages in bits 3..0 of their only byte (offset 4).

const position = (special: [string, string]) =>
  scaled("position", "Vertical position (POS)", 1, 7, [0, 100], [0, 100], "%", {
    special: [{ raw: 127, value: special[0], meaning: special[1] }],
  });
const angle = (special: [string, string]) =>
  scaled("angle", "Rotation angle (ANG)", 9, 7, [0, 100], [0, 100], "%", {
    special: [{ raw: 127, value: special[0], meaning: special[1] }],
  });
const channel = (offset: number) =>
  number("channel", "Channel (CHN)", offset, 4, {
    special: [{ raw: 15, value: "allChannels", meaning: "All channels" }],
  });
const command = (offset: number) =>
  enumeration("command", "Command ID (CMD)", offset, 4, [
    [1, "goToPositionAndAngle", "Go to Position and Angle"],
    [2, "stop", "Stop"],
    [3, "queryPositionAndAngle", "Query Position and Angle"],
    [4, "replyPositionAndAngle", "Reply Position and Angle"],
  ]);

export const D2_05_PROFILES: readonly ProfileDefinition[] = [
  {
    eep: "D2-05-00",
    title: "Blinds control for position and angle, type 0x00",
    messages: [
      {
        description: "CMD 1: go to position and angle",
        when: { offset: 28, size: 4, equals: 1 },
        length: 4,
        fields: [
          position(["noChange", "Do not change"]),
          angle(["noChange", "Do not change"]),
          enumeration("repositioning", "Repositioning (REPO)", 17, 3, [
            [0, "directly", "Go directly to POS/ANG"],
            [1, "upFirst", "Go up (0%), then to POS/ANG"],
            [2, "downFirst", "Go down (100%), then to POS/ANG"],
          ]),
          enumeration("lockingMode", "Locking modes (LOCK)", 21, 3, [
            [0, "doNotChange", "Do not change"],
            [1, "setBlockage", "Set blockage mode"],
            [2, "setAlarm", "Set alarm mode"],
            [7, "deblockage", "Deblockage"],
          ]),
          channel(24),
          command(28),
        ],
      },
      {
        description: "CMD 4: reply position and angle",
        when: { offset: 28, size: 4, equals: 4 },
        length: 4,
        fields: [
          position(["unknown", "Position unknown"]),
          angle(["unknown", "Angle unknown"]),
          enumeration("lockingMode", "Locking modes (LOCK)", 21, 3, [
            [0, "normal", "Normal (no lock)"],
            [1, "blockage", "Blockage mode"],
            [2, "alarm", "Alarm mode"],
          ]),
          channel(24),
          command(28),
        ],
      },
      {
        description: "CMD 2: stop",
        when: { offset: 4, size: 4, equals: 2 },
        length: 1,
        fields: [channel(0), command(4)],
      },
      {
        description: "CMD 3: query position and angle",
        when: { offset: 4, size: 4, equals: 3 },
        length: 1,
        fields: [channel(0), command(4)],
      },
    ],
  },
];
