import { createInterface } from "node:readline";
import { parseArguments, USAGE, UsageError } from "./cli/arguments";
import { parseInputLine } from "./cli/input-line";
import { renderOutcome } from "./cli/render-outcome";
import { DecoderEngine } from "./engine/decoder-engine";
import type { DeviceSettings } from "./engine/device-settings";
import type { DecodeOutcome } from "./engine/outcome";
import { parseEsp3 } from "./esp3/parse";
import { DecodeError } from "./errors";
import { fromHex } from "./hex";
import type { OutputContext } from "./output/output-message";
import { profiles } from "./profiles/registry";

export interface CliIo {
  /** Lines of standard input (read only when no frames are given as arguments). */
  lines: () => AsyncIterable<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Unix seconds (default: the system clock). */
  now?: () => number;
}

/** The `tidewire-decode` command. Returns the exit code: 0, or 2 for a wrong command line. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let args;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`tidewire-decode: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.profiles) {
    io.stdout(`${JSON.stringify(profiles)}\n`);
    return 0;
  }
  const now = io.now ?? (() => Date.now() / 1000);
  const print = (value: unknown) => io.stdout(`${JSON.stringify(value)}\n`);

  if (args.frames.length > 0) {
    // Argument mode: one engine for all arguments, one line per argument.
    const engine = new DecoderEngine();
    for (const frame of args.frames) {
      const outcome = decodeInput(engine, [frame], args.device);
      print(renderOutcome(outcome, outputContext(args.sensor, args.timestamp, now)));
    }
    return 0;
  }

  for await (const line of io.lines()) {
    if (line.trim() === "") continue;
    try {
      const input = parseInputLine(line);
      const outcome = decodeInput(new DecoderEngine(), input.frames, input.device);
      print(renderOutcome(outcome, outputContext(input.sensor, input.timestamp, now)));
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      print({ error: { code: error.code, message: error.message } });
    }
  }
  return 0;
}

/** Runs the frames of one input through `engine` in order; the outcome of the last one counts. */
function decodeInput(engine: DecoderEngine, frames: readonly string[], device: DeviceSettings): DecodeOutcome {
  let outcome: DecodeOutcome | undefined;
  for (const frame of frames) {
    try {
      outcome = engine.decodeSync(parseEsp3(fromHex(frame)), () => device);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      outcome = { kind: "error", error, telegram: undefined };
    }
  }
  return outcome!;
}

function outputContext(
  sensor: { friendlyId?: string; location?: string },
  timestamp: number | undefined,
  now: () => number,
): OutputContext {
  const egressTime = now();
  return {
    sensor: { friendlyId: sensor.friendlyId ?? "", location: sensor.location ?? "" },
    timestamp: timestamp ?? egressTime,
    egressTime,
  };
}

function processIo(): CliIo {
  return {
    lines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
