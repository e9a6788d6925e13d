import type { MessageOutcome, SecurityInfo } from "../engine/outcome";
import type { TelemetryEntry } from "../telemetry-entry";
import { formatUnixSeconds } from "./unix-seconds";

/** What the pipeline adds to a decoded telegram to make an output message. */
export interface OutputContext {
  /** Onboarding data of the device (IoTC `friendlyId`, `location`). */
  sensor: { friendlyId: string; location: string };
  /** Reception time, Unix seconds (fraction allowed). */
  timestamp: number;
  /** Time the message leaves the engine, Unix seconds; default: now. */
  egressTime?: number;
  /** Best RSSI of all receiving gateways in dBm, either sign (-77 or 77); default: the frame's dBm
   * byte. Printed as the positive number, as IoTC does. */
  rssi?: number;
  /** Extra top-level fields (e.g. the receiving gateways). They never replace IoTC's fields. */
  extensions?: Record<string, unknown>;
}

/** IoTC's output message (product documentation 1.0.4, section 1.1.3), field for field. */
export interface OutputMessage {
  sensor: { friendlyId: string; id: string; location: string };
  telemetry: {
    data: TelemetryEntry[];
    signal: TelemetryEntry[];
    meta: {
      security: TelemetryEntry[];
      sensorHealth: TelemetryEntry[];
      stats: { egressTime: string }[];
    };
  };
  raw: {
    data: string;
    sender: string;
    status: string;
    subTelNum: number;
    destination: string;
    rssi: number;
    securityLevel: number;
    timestamp: string;
  };
  [extension: string]: unknown;
}

const RESERVED = new Set(["sensor", "telemetry", "raw"]);

/** Builds the output message of a data or signal outcome. The one place that knows the format. */
export function buildOutputMessage(outcome: MessageOutcome, context: OutputContext): OutputMessage {
  const facts = outcome.telegram;
  const message: OutputMessage = {
    sensor: { friendlyId: context.sensor.friendlyId, id: facts.sender, location: context.sensor.location },
    telemetry: {
      data: outcome.kind === "data" ? outcome.data : [],
      signal: outcome.kind === "signal" ? outcome.signal : [],
      meta: {
        security: outcome.security === undefined ? [] : securityEntries(outcome.security),
        sensorHealth: outcome.kind === "signal" ? outcome.sensorHealth : [],
        stats: [{ egressTime: formatUnixSeconds(context.egressTime ?? Date.now() / 1000) }],
      },
    },
    raw: {
      data: facts.data,
      sender: facts.sender,
      status: facts.status,
      subTelNum: facts.subTelNum,
      destination: facts.destination,
      rssi: context.rssi === undefined ? facts.dBm : Math.abs(context.rssi),
      securityLevel: facts.securityLevel,
      timestamp: formatUnixSeconds(context.timestamp),
    },
  };
  if (context.extensions !== undefined) {
    for (const [key, value] of Object.entries(context.extensions)) {
      if (RESERVED.has(key)) throw new RangeError(`extension "${key}" would replace an IoTC field`);
      message[key] = value;
    }
  }
  return message;
}

/** `telemetry.meta.security` of a telegram the engine verified and decrypted itself. */
function securityEntries(security: SecurityInfo): TelemetryEntry[] {
  const entries: TelemetryEntry[] = [];
  if (security.cmacLength > 0) {
    entries.push({ key: "authenticated", value: "True", meaning: `CMAC (${security.cmacLength} bytes) verified` });
  }
  entries.push(
    security.encrypted
      ? { key: "decrypted", value: "True", meaning: "Decrypted (VAES, AES-128)" }
      : { key: "decrypted", value: "False", meaning: "Not encrypted" },
  );
  if (security.rlc !== undefined) {
    entries.push({
      key: "rlc",
      value: security.rlc,
      meaning: security.implicitRlc ? "Rolling code (implicit)" : "Rolling code (explicit)",
    });
  }
  entries.push({ key: "slf", value: security.slf, meaning: "Security level format" });
  return entries;
}
