import { DecodeError } from "../errors";
import type { TelemetryEntry } from "../telemetry-entry";
import { formatEep, formatManufacturerId, type TeachIn } from "./teach-in";

const REQUEST_TYPES: readonly [string, string][] = [
  ["teachIn", "Teach-in request"],
  ["teachInDeletion", "Teach-in deletion request"],
  ["teachInOrDeletion", "Teach-in or deletion request (not specified)"],
  ["notUsed", "Not used"],
];
const RESPONSE_RESULTS: readonly [string, string][] = [
  ["rejected", "Request not accepted (general reason)"],
  ["teachInAccepted", "Request accepted, teach-in successful"],
  ["deletionAccepted", "Request accepted, deletion successful"],
  ["eepNotSupported", "Request not accepted, EEP not supported"],
];

/**
 * Universal teach-in (UTE, R-ORG 0xD4), 7 bytes:
 * `flags | channels | MID low 8 | MID high 3 | TYPE | FUNC | R-ORG`. Flags: bit 7 bidirectional,
 * bit 6 "no response expected" (query only), bits 5..4 request type (query) or result (response),
 * bits 3..0 command (0 query, 1 response).
 */
export function decodeUte(payload: Uint8Array): TeachIn {
  if (payload.length !== 7) {
    throw new DecodeError("TELEGRAM_MALFORMED", `UTE telegram needs 7 data bytes, got ${payload.length}`, {
      length: payload.length,
    });
  }
  const flags = payload[0]!;
  const command = flags & 0x0f;
  const eep = formatEep(payload[6]!, payload[5]!, payload[4]!);
  const manufacturerId = formatManufacturerId(((payload[3]! & 0x07) << 8) | payload[2]!);
  const bidirectional = (flags & 0x80) !== 0;
  const [kindValue, kindMeaning] =
    command === 1 ? RESPONSE_RESULTS[(flags >> 4) & 3]! : REQUEST_TYPES[(flags >> 4) & 3]!;
  const fields: TelemetryEntry[] = [
    { key: "teachInType", value: "UTE" },
    {
      key: "communication",
      value: bidirectional ? "bidirectional" : "unidirectional",
      meaning: bidirectional ? "Bidirectional communication" : "Unidirectional communication",
    },
  ];
  if (command !== 1) fields.push({ key: "responseExpected", value: (flags & 0x40) === 0 });
  fields.push(
    { key: command === 1 ? "result" : "requestType", value: kindValue, meaning: kindMeaning },
    {
      key: "command",
      value: command,
      meaning: command === 0 ? "Teach-in query" : command === 1 ? "Teach-in response" : "Reserved",
    },
    { key: "channels", value: payload[1]!, meaning: payload[1] === 0xff ? "All channels" : "Number of channels" },
    { key: "manufacturerId", value: manufacturerId },
    { key: "eep", value: eep },
  );
  return { teachInType: "UTE", eep, manufacturerId, fields };
}
