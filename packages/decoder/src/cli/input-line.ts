import type { DeviceSettings } from "../engine/device-settings";
import { DecodeError } from "../errors";

/** One stdin line of the CLI after validation. */
export interface InputLine {
  frames: string[];
  device: DeviceSettings;
  sensor: { friendlyId?: string; location?: string };
  timestamp: number | undefined;
}

const DEVICE_STRINGS = ["aesKey", "slf", "rlcNext", "psk"] as const;

/**
 * Parses `{"esp3": "<hex>" | ["<hex>", ...], "eep"?: string|null, "device"?: {aesKey, slf, rlcNext,
 * isPTM, psk}, "sensor"?: {friendlyId, location}, "timestamp"?: number}`. Throws BAD_INPUT with a
 * message naming the problem.
 */
export function parseInputLine(line: string): InputLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new DecodeError("BAD_INPUT", `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new DecodeError("BAD_INPUT", "expected a JSON object");
  const esp3 = value["esp3"];
  const frames = typeof esp3 === "string" ? [esp3] : esp3;
  if (!Array.isArray(frames) || frames.length === 0 || !frames.every((f) => typeof f === "string")) {
    throw new DecodeError("BAD_INPUT", `"esp3" must be a hex string or a non-empty array of hex strings`);
  }
  const device: DeviceSettings = {};
  const eep = value["eep"];
  if (eep !== undefined && eep !== null) {
    if (typeof eep !== "string") throw new DecodeError("BAD_INPUT", `"eep" must be a string such as "A5-02-05"`);
    device.eep = eep;
  }
  const deviceValue = value["device"];
  if (deviceValue !== undefined && deviceValue !== null) {
    if (!isObject(deviceValue)) throw new DecodeError("BAD_INPUT", `"device" must be an object`);
    for (const key of DEVICE_STRINGS) {
      const field = deviceValue[key];
      if (field === undefined || field === null) continue;
      if (typeof field !== "string") throw new DecodeError("BAD_INPUT", `"device.${key}" must be a hex string`);
      device[key] = field;
    }
    const isPtm = deviceValue["isPTM"];
    if (isPtm !== undefined && isPtm !== null) {
      if (typeof isPtm !== "boolean") throw new DecodeError("BAD_INPUT", `"device.isPTM" must be true or false`);
      device.isPTM = isPtm;
    }
  }
  const sensorValue = value["sensor"];
  const sensor: InputLine["sensor"] = {};
  if (sensorValue !== undefined && sensorValue !== null) {
    if (!isObject(sensorValue)) throw new DecodeError("BAD_INPUT", `"sensor" must be an object`);
    for (const key of ["friendlyId", "location"] as const) {
      const field = sensorValue[key];
      if (field === undefined || field === null) continue;
      if (typeof field !== "string") throw new DecodeError("BAD_INPUT", `"sensor.${key}" must be a string`);
      sensor[key] = field;
    }
  }
  const timestamp = value["timestamp"];
  if (timestamp !== undefined && (typeof timestamp !== "number" || !Number.isFinite(timestamp))) {
    throw new DecodeError("BAD_INPUT", `"timestamp" must be Unix seconds`);
  }
  return { frames: frames as string[], device, sensor, timestamp: timestamp as number | undefined };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
