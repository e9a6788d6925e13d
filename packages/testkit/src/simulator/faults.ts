import type { Random } from "./random";

/** Faults to inject, as probabilities. */
export interface FaultOptions {
  /** a reception is preceded by random bytes (line noise on the serial link) */
  garbage?: number;
  /** a reception is split across two messages */
  split?: number;
  /** a reception arrives with a corrupted byte (its CRC fails) */
  corrupt?: number;
  /** per gateway and second: the connection drops (it reconnects by itself) */
  disconnect?: number;
}

export interface FaultCounts {
  garbage: number;
  split: number;
  corrupt: number;
  disconnect: number;
}

export const noFaults = (): FaultCounts => ({ garbage: 0, split: 0, corrupt: 0, disconnect: 0 });

/** Random bytes without the ESP3 sync byte, so they cannot swallow the frame that follows. */
export function garbageBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    let b = Math.floor(random() * 256);
    if (b === 0x55) b = 0x54;
    bytes[i] = b;
  }
  return bytes;
}

/** Parses "garbage=0.01,split=0.05" (the CLI's --faults). */
export function parseFaults(text: string): FaultOptions {
  const out: FaultOptions = {};
  for (const part of text.split(",").filter(Boolean)) {
    const [name, value] = part.split("=");
    const p = Number(value);
    if (!["garbage", "split", "corrupt", "disconnect"].includes(name ?? "") || !(p >= 0 && p <= 1)) {
      throw new Error(`--faults: expected name=probability with name garbage, split, corrupt or disconnect, got ${JSON.stringify(part)}`);
    }
    out[name as keyof FaultOptions] = p;
  }
  return out;
}
