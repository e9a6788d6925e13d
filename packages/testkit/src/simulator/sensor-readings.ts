import {
  encodeEep,
  encodeRadioErp1,
  encodeSecureTelegram,
  profileDefinition,
  profileMessages,
  sampleEepValues,
  splitIntoChain,
  telegramFingerprint,
  type EepValue,
  type Esp3Packet,
} from "@tidewire/decoder";
import type { Random } from "./random";
import type { SimulatedSensor } from "./sensor-fleet";

/** One radio telegram as the sensor transmits it. */
export interface RadioTelegram {
  rorg: number;
  data: Uint8Array;
  status: number;
}

/** What one reading of a sensor puts on the air: usually one telegram; a secure reading too long
 * for one telegram is chained (SEC_CDM). The last telegram completes the message. */
export interface Reading {
  sensor: SimulatedSensor;
  telegrams: RadioTelegram[];
  /** duplicate-removal fingerprints of the telegrams, in order (the same for every gateway) */
  fingerprints: string[];
}

// ERP1 carries at most 14 bytes of user data in one telegram.
const MAX_ERP1_USER_DATA = 14;
// RPS status: T21 set (PTM 2xx module).
const RPS_T21 = 0x20;

/** Slowly drifting, plausible values with a little sensor noise for the keys most sensors share;
 * other keys are sampled from the profile's own ranges. t in seconds. */
function realisticValues(t: number, phase: number, random: Random): Record<string, number> {
  const wave = (periodS: number, shift = 0) => Math.sin((2 * Math.PI * t) / periodS + phase + shift);
  const noise = (amplitude: number) => (random() - 0.5) * 2 * amplitude;
  const co2 = 650 + 250 * wave(2700, 3) + noise(15);
  return {
    temperature: 21.5 + 2 * wave(3600) + noise(0.2),
    humidity: 45 + 10 * wave(5400, 1) + noise(1),
    illumination: Math.max(0, 300 + 250 * wave(7200, 2) + noise(10)),
    co2,
    concentration: co2,
    supplyVoltage: 3.1,
    accelerationX: -0.02,
    accelerationY: 0.01,
    accelerationZ: -0.98,
  };
}

/** The values of the sensor's next reading, within what its profile can carry. */
export function readingValues(sensor: SimulatedSensor, t: number, random: Random): { values: Record<string, EepValue>; message: number } {
  const definition = profileDefinition(sensor.eep);
  if (!definition) throw new Error(`the simulator has no profile ${sensor.eep}`);
  const messages = profileMessages(definition);
  // Switches alternate press (first layout, N-message) and release (second, U-message).
  const message = sensor.isSwitch && messages.length > 1 ? sensor.readings % 2 : Math.floor(random() * messages.length);
  const values = sampleEepValues(definition, random, { message });
  const realistic = realisticValues(t, sensor.phase, random);
  for (const field of messages[message]!.fields) {
    const value = realistic[field.key];
    if (value === undefined || field.kind !== "number" || !field.scale) continue;
    const [a, b] = field.scale;
    values[field.key] = Math.min(Math.max(a, b), Math.max(Math.min(a, b), value));
  }
  if (sensor.isSwitch && message === 1) values.energybow = "released";
  return { values, message };
}

/** Builds the sensor's next reading (and advances its rolling code when it is secure). */
export function nextReading(sensor: SimulatedSensor, t: number, random: Random): Reading {
  const { values, message } = readingValues(sensor, t, random);
  const encoded = encodeEep(sensor.eep, values, { message });
  sensor.readings += 1;
  let telegrams: RadioTelegram[];
  const status = encoded.rorg === 0xf6 ? RPS_T21 | encoded.status : encoded.status;
  if (sensor.security) {
    const sealed = encodeSecureTelegram({
      aesKey: sensor.security.aesKey,
      slf: parseInt(sensor.security.slf, 16),
      rlc: sensor.security.rlc,
      rorg: encoded.rorg,
      data: encoded.data,
    });
    sensor.security.rlc += 1;
    telegrams =
      sealed.data.length <= MAX_ERP1_USER_DATA
        ? [{ rorg: sealed.rorg, data: sealed.data, status: 0 }]
        : splitIntoChain(undefined, sealed.data, { seq: 1 + (sensor.readings % 3) }).map((part) => ({ ...part, status: 0 }));
  } else {
    telegrams = [{ rorg: encoded.rorg, data: encoded.data, status }];
  }
  const fingerprints = telegrams.map((telegram) => telegramFingerprint(radioPacket(telegram, sensor.eurid, 0))!);
  return { sensor, telegrams, fingerprints };
}

/** The RADIO_ERP1 packet a USB 300 stick emits for a received telegram. */
export function radioPacket(telegram: RadioTelegram, sender: string, dBm: number, subTelNum = 1): Esp3Packet {
  return encodeRadioErp1({ rorg: telegram.rorg, data: telegram.data, sender, status: telegram.status, dBm, subTelNum });
}
