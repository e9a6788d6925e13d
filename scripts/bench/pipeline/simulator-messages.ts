// What the benchmark and its simulator process say to each other (node IPC).
import type { SimulatorReport } from "@tidewire/testkit";

export interface SimulatorSetup {
  url: string;
  token: string;
  gateways: number;
  sensors: number;
  hearing: number;
  /** copies of a telegram leave the gateways up to this many ms apart */
  spreadMs: number;
  secureShare: number;
  seed: number;
}

export type ToSimulator = { type: "setup"; setup: SimulatorSetup } | { type: "run"; rate: number; durationMs: number } | { type: "stop" };

export type FromSimulator =
  | { type: "ready"; connected: number }
  /** readings sent since the last report: the fingerprint that completes each message, and when */
  | { type: "sent"; fingerprints: string[]; at: number[] }
  | { type: "ran"; report: Omit<SimulatorReport, "sent"> }
  | { type: "error"; message: string };

/** The fleet both sides build from the same seed: the benchmark onboards it, the simulator sends. */
export const FLEET_SEED = 20_000;
