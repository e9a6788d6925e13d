import { OFFICE_MIX, SECURE_MIX, type SensorKind } from "./eep-mix";
import { between, seededRandom, type Random } from "./random";

/** One simulated EnOcean device. */
export interface SimulatedSensor {
  eurid: string;
  eep: string;
  /** time between readings */
  intervalMs: number;
  /** a switch: press/release pairs */
  isSwitch: boolean;
  /** secure device: key, security level format and the next rolling code it will use */
  security?: { aesKey: string; slf: string; rlc: number };
  /** which gateways hear it and how strongly (dBm magnitude, 40 = strong, 95 = barely) */
  hearing: { gateway: number; dBm: number }[];
  /** phase of the slowly drifting values, so that sensors do not move in lockstep */
  phase: number;
  /** readings sent so far */
  readings: number;
}

export interface FleetOptions {
  sensors: number;
  gateways: number;
  /** how many gateways hear each telegram (1..gateways) */
  hearing: number;
  /** share of secure sensors, 0..1 */
  secureShare?: number;
  seed?: number;
  /** first EURID (hex); sensors get consecutive ones */
  euridBase?: string;
  mix?: readonly SensorKind[];
}

const SECURE_SLF = "ab"; // 24-bit RLC sent in each telegram, 3-byte CMAC, VAES encryption

/** A building's worth of sensors with a realistic EEP mix and reporting intervals. Each sensor is
 * heard by `hearing` neighbouring gateways, the nearest one strongest. */
export function createFleet(options: FleetOptions): SimulatedSensor[] {
  const random = seededRandom(options.seed ?? 1);
  const hearing = Math.max(1, Math.min(options.hearing, options.gateways));
  const base = parseInt(options.euridBase ?? "0a000000", 16);
  const secureShare = options.secureShare ?? 0;
  const sensors: SimulatedSensor[] = [];
  for (let i = 0; i < options.sensors; i++) {
    const secure = random() < secureShare;
    const kind = weighted(random, secure ? SECURE_MIX : (options.mix ?? OFFICE_MIX));
    sensors.push({
      eurid: ((base + i) >>> 0).toString(16).padStart(8, "0"),
      eep: kind.eep,
      intervalMs: Math.round(between(random, kind.intervalS[0], kind.intervalS[1]) * 1000),
      isSwitch: kind.switch === true,
      ...(secure ? { security: { aesKey: randomHex(random, 16), slf: SECURE_SLF, rlc: Math.floor(random() * 0x10000) } } : {}),
      hearing: neighbours(random, i, options.gateways, hearing),
      phase: random() * 2 * Math.PI,
      readings: 0,
    });
  }
  return sensors;
}

/** Sensors for given devices (the demo tenant's), all heard by the first `hearing` gateways. */
export function fleetOf(devices: readonly { sourceEurid: string; eep: string }[], options: { gateways: number; hearing: number; intervalMs: number; seed?: number }): SimulatedSensor[] {
  const random = seededRandom(options.seed ?? 7);
  return devices.map((d, i) => ({
    eurid: d.sourceEurid.toLowerCase(),
    eep: d.eep.toUpperCase(),
    intervalMs: options.intervalMs,
    isSwitch: d.eep.toUpperCase().startsWith("F6-"),
    hearing: neighbours(random, i, options.gateways, Math.max(1, Math.min(options.hearing, options.gateways))),
    phase: random() * 2 * Math.PI,
    readings: 0,
  }));
}

function neighbours(random: Random, index: number, gateways: number, count: number): { gateway: number; dBm: number }[] {
  const nearest = index % gateways;
  const out: { gateway: number; dBm: number }[] = [];
  for (let j = 0; j < count; j++) {
    // Farther gateways hear it more weakly; a little spread per sensor.
    out.push({ gateway: (nearest + j) % gateways, dBm: Math.min(98, Math.round(45 + j * 12 + random() * 10)) });
  }
  return out;
}

function weighted(random: Random, kinds: readonly SensorKind[]): SensorKind {
  const total = kinds.reduce((sum, k) => sum + k.weight, 0);
  let r = random() * total;
  for (const kind of kinds) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return kinds[kinds.length - 1]!;
}

function randomHex(random: Random, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i++) out += Math.floor(random() * 256).toString(16).padStart(2, "0");
  return out;
}
