import { describeProfileCases, en, invalid, num, reserved, type ProfileCase } from "../../../test/profile-cases";
import { D2_01_PROFILES } from "./d2-01";

const STATUS = en("command", "actuatorStatusResponse", "Actuator Status Response");
const MEASUREMENT = en("command", "actuatorMeasurementResponse", "Actuator Measurement Response");
const PF_OFF = en("powerFailure", "disabled", "Power failure detection disabled/not supported");
const PFD_NO = en("powerFailureDetected", "False", "Power failure not detected/not supported/disabled");
const OC_READY = en("overCurrentSwitchOff", "ready", "Over current switch off: ready / not supported");
const HW_OK = en("errorLevel", "hardwareOk", "Hardware OK");
const LC_ON = en("localControl", "enabled", "Local control enabled");
const LC_OFF = en("localControl", "disabled", "Local control disabled / not supported");

// All D2-01 types share the message set; every type gets its own telegram.
const statusResponse = (eep: string, output: number, channel: number): ProfileCase => ({
  eep,
  data: `04${channel.toString(16).padStart(2, "0")}${(0x80 | output).toString(16)}`,
  shows: `status response: channel ${channel}, output ${output} %, local control on`,
  entries: [PF_OFF, PFD_NO, STATUS, OC_READY, HW_OK, num("ioChannel", channel), LC_ON, num("outputValue", output, "%")],
});

const cases: ProfileCase[] = [
  {
    eep: "D2-01-00",
    data: "0460e4",
    shows: "status: error level 3, output 100 %",
    entries: [
      PF_OFF,
      PFD_NO,
      STATUS,
      OC_READY,
      en("errorLevel", "notSupported", "Not supported"),
      num("ioChannel", 0),
      LC_ON,
      num("outputValue", 100, "%"),
    ],
  },
  {
    eep: "D2-01-01",
    data: "c49f7f",
    shows: "status: power failure detected, over current, input channel, output not valid",
    entries: [
      en("powerFailure", "enabled", "Power failure detection enabled"),
      en("powerFailureDetected", "True", "Power failure detected"),
      STATUS,
      en("overCurrentSwitchOff", "executed", "Over current switch off: executed"),
      HW_OK,
      en("ioChannel", "inputChannel", "Input channel"),
      LC_OFF,
      en("outputValue", "notValid", "Output value not valid or not set"),
    ],
  },
  {
    eep: "D2-01-02",
    data: "0761000004d2",
    shows: "measurement: power 1234 W on channel 1",
    entries: [
      MEASUREMENT,
      en("measurementUnit", "powerW", "Power [W]"),
      num("ioChannel", 1),
      num("measurementValue", 1234, "W"),
    ],
  },
  {
    eep: "D2-01-03",
    data: "07400001e240",
    shows: "measurement: energy 123456 kWh on channel 0",
    entries: [
      MEASUREMENT,
      en("measurementUnit", "energyKWh", "Energy [kWh]"),
      num("ioChannel", 0),
      num("measurementValue", 123456, "kWh"),
    ],
  },
  {
    eep: "D2-01-04",
    data: "0702ffffffff",
    shows: "measurement: 4294967295 Ws on channel 2",
    entries: [
      MEASUREMENT,
      en("measurementUnit", "energyWs", "Energy [Ws]"),
      num("ioChannel", 2),
      num("measurementValue", 4294967295, "Ws"),
    ],
  },
  {
    eep: "D2-01-05",
    data: "07a000000001",
    shows: "measurement with unit code 5 (not used): value without unit",
    entries: [MEASUREMENT, reserved("measurementUnit"), num("ioChannel", 0), num("measurementValue", 1)],
  },
  {
    eep: "D2-01-06",
    data: "041ee5",
    shows: "status: channel 0x1E = not applicable, output 101 beyond 100",
    entries: [
      PF_OFF,
      PFD_NO,
      STATUS,
      OC_READY,
      HW_OK,
      en("ioChannel", "notApplicable", "Not applicable, do not use"),
      LC_ON,
      invalid("outputValue"),
    ],
  },
  statusResponse("D2-01-07", 0, 0),
  statusResponse("D2-01-08", 1, 1),
  statusResponse("D2-01-09", 50, 2),
  statusResponse("D2-01-0A", 99, 3),
  statusResponse("D2-01-0B", 100, 4),
  statusResponse("D2-01-0C", 25, 5),
  statusResponse("D2-01-0D", 75, 6),
  statusResponse("D2-01-0E", 10, 7),
  statusResponse("D2-01-0F", 20, 8),
  statusResponse("D2-01-10", 30, 9),
  statusResponse("D2-01-11", 40, 10),
  statusResponse("D2-01-12", 60, 11),
  statusResponse("D2-01-13", 70, 12),
  {
    eep: "D2-01-14",
    data: "0723000000c8",
    shows: "measurement: 200 Wh on channel 3",
    entries: [
      MEASUREMENT,
      en("measurementUnit", "energyWh", "Energy [Wh]"),
      num("ioChannel", 3),
      num("measurementValue", 200, "Wh"),
    ],
  },
  { eep: "D2-01-12", data: "01e064", shows: "a gateway command (CMD 1) is not a response", error: "EEP_DECODE_ERROR" },
  { eep: "D2-01-12", data: "04606400", shows: "status response with 4 bytes", error: "EEP_DECODE_ERROR" },
];

describeProfileCases("D2-01 (electronic switches and dimmers)", D2_01_PROFILES, cases);
