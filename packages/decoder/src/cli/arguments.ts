import type { DeviceSettings } from "../engine/device-settings";

export interface CliArguments {
  help: boolean;
  profiles: boolean;
  frames: string[];
  device: DeviceSettings;
  sensor: { friendlyId?: string; location?: string };
  timestamp: number | undefined;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: tidewire-decode [options] [<esp3-hex> ...]

Decodes EnOcean ESP3 frames and prints one JSON line per input.

Inputs
  <esp3-hex> ...        frames as hex; all arguments go through one engine, in order
                        (chains, secure sequences), one output line per argument
  (no frame arguments)  read stdin, one JSON object per line:
                        {"esp3": "<hex>" or ["<hex>", ...], "eep": "A5-02-05",
                         "device": {"aesKey", "slf", "rlcNext", "isPTM", "psk"},
                         "sensor": {"friendlyId", "location"}, "timestamp": <unix seconds>}

Options
  --profiles            print the supported profiles as one JSON array and exit
  --eep <EEP>           EEP of the sending device (argument mode)
  --aes-key <hex>       AES key of the device (32 hex digits)
  --slf <hex>           security level format (2 hex digits)
  --rlc-next <hex>      lowest RLC to accept
  --psk <hex>           pre-shared key for SEC_TI teach-in
  --ptm                 the device is a PTM switch module
  --friendly-id <text>  sensor.friendlyId of the output message
  --location <text>     sensor.location of the output message
  --timestamp <secs>    reception time (default: now)
  -h, --help            show this help

Output: the IoTC output message for data and signal telegrams; {"teachIn": {...}},
{"secureTeachIn": {...}}, {"reassembly": {...}}, {"none": {}} or {"error": {"code", "message"}}.
Exit code 0, or 2 when the command line is wrong.`;

const VALUE_OPTIONS: Record<string, (args: CliArguments, value: string) => void> = {
  "--eep": (a, v) => (a.device.eep = v),
  "--aes-key": (a, v) => (a.device.aesKey = v),
  "--slf": (a, v) => (a.device.slf = v),
  "--rlc-next": (a, v) => (a.device.rlcNext = v),
  "--psk": (a, v) => (a.device.psk = v),
  "--friendly-id": (a, v) => (a.sensor.friendlyId = v),
  "--location": (a, v) => (a.sensor.location = v),
  "--timestamp": (a, v) => {
    const seconds = Number(v);
    if (!Number.isFinite(seconds)) throw new UsageError(`--timestamp needs Unix seconds, got ${JSON.stringify(v)}`);
    a.timestamp = seconds;
  },
};

export function parseArguments(argv: readonly string[]): CliArguments {
  const args: CliArguments = { help: false, profiles: false, frames: [], device: {}, sensor: {}, timestamp: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (name === "-h" || name === "--help") args.help = true;
    else if (name === "--profiles") args.profiles = true;
    else if (name === "--ptm") args.device.isPTM = true;
    else if (VALUE_OPTIONS[name] !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      VALUE_OPTIONS[name]!(args, value);
    } else if (name.startsWith("-")) throw new UsageError(`unknown option ${name}`);
    else args.frames.push(arg);
  }
  return args;
}
