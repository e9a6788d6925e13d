import type { MessageDefinition, ProfileDefinition } from "../definition";
import { enumeration, number, scaled } from "./fields";

// D2-01: electronic switches and dimmers with energy measurement and local control. All types share
// one message set; the command (CMD, DB_last.3..0 of the first byte) selects the message. A gateway
// receives the actuator's answers: CMD 0x4 status response and CMD 0x7 measurement response.

const IO_CHANNEL = number("ioChannel", "I/O channel", 11, 5, {
  special: [
    { raw: 0x1e, value: "notApplicable", meaning: "Not applicable, do not use" },
    { raw: 0x1f, value: "inputChannel", meaning: "Input channel" },
  ],
});

const STATUS_RESPONSE: MessageDefinition = {
  description: "CMD 0x4: actuator status response",
  when: { offset: 4, size: 4, equals: 0x4 },
  length: 3,
  fields: [
    enumeration("powerFailure", "Power Failure (PF)", 0, 1, [
      [0, "disabled", "Power failure detection disabled/not supported"],
      [1, "enabled", "Power failure detection enabled"],
    ]),
    enumeration("powerFailureDetected", "Power Failure Detection (PFD)", 1, 1, [
      [0, "False", "Power failure not detected/not supported/disabled"],
      [1, "True", "Power failure detected"],
    ]),
    enumeration("command", "Command ID (CMD)", 4, 4, [[0x4, "actuatorStatusResponse", "Actuator Status Response"]]),
    enumeration("overCurrentSwitchOff", "Over current switch off (OC)", 8, 1, [
      [0, "ready", "Over current switch off: ready / not supported"],
      [1, "executed", "Over current switch off: executed"],
    ]),
    enumeration("errorLevel", "Error level (EL)", 9, 2, [
      [0, "hardwareOk", "Hardware OK"],
      [1, "hardwareWarning", "Hardware warning"],
      [2, "hardwareFailure", "Hardware failure"],
      [3, "notSupported", "Not supported"],
    ]),
    IO_CHANNEL,
    enumeration("localControl", "Local control (LC)", 16, 1, [
      [0, "disabled", "Local control disabled / not supported"],
      [1, "enabled", "Local control enabled"],
    ]),
    scaled("outputValue", "Output value (OV)", 17, 7, [0, 100], [0, 100], "%", {
      special: [{ raw: 0x7f, value: "notValid", meaning: "Output value not valid or not set" }],
    }),
  ],
};

const MEASUREMENT_RESPONSE: MessageDefinition = {
  description: "CMD 0x7: actuator measurement response",
  when: { offset: 4, size: 4, equals: 0x7 },
  length: 6,
  fields: [
    enumeration("command", "Command ID (CMD)", 4, 4, [
      [0x7, "actuatorMeasurementResponse", "Actuator Measurement Response"],
    ]),
    enumeration("measurementUnit", "Unit (UN)", 8, 3, [
      [0, "energyWs", "Energy [Ws]"],
      [1, "energyWh", "Energy [Wh]"],
      [2, "energyKWh", "Energy [kWh]"],
      [3, "powerW", "Power [W]"],
      [4, "powerKW", "Power [kW]"],
    ]),
    IO_CHANNEL,
    number("measurementValue", "Measurement value (MV)", 16, 32, {
      unitBy: { offset: 8, size: 3, units: { 0: "Ws", 1: "Wh", 2: "kWh", 3: "W", 4: "kW" } },
    }),
  ],
};

const TYPES = [
  "00",
  "01",
  "02",
  "03",
  "04",
  "05",
  "06",
  "07",
  "08",
  "09",
  "0A",
  "0B",
  "0C",
  "0D",
  "0E",
  "0F",
  "10",
  "11",
  "12",
  "13",
  "14",
];

export const D2_01_PROFILES: readonly ProfileDefinition[] = TYPES.map((type): ProfileDefinition => ({
  eep: `D2-01-${type}`,
  title: `Electronic switch/dimmer with energy measurement and local control, type 0x${type}`,
  messages: [STATUS_RESPONSE, MEASUREMENT_RESPONSE],
}));
