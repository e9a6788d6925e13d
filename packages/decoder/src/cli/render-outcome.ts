import type { DecodeOutcome, SecurityInfo } from "../engine/outcome";
import { byteToHex } from "../hex";
import { buildOutputMessage, type OutputContext } from "../output/output-message";
import type { SecureTeachIn } from "../security/secure-teach-in";
import type { TelemetryEntry } from "../telemetry-entry";

/** One key of a CLI section, shaped like the `expect` entries of the test vectors. */
export type SectionEntry = { value: TelemetryEntry["value"]; unit?: string; meaning?: string };
export type Section = Record<string, SectionEntry>;

/**
 * The CLI's JSON for one outcome, by section of the test-vector README: the IoTC output message for
 * data and signal telegrams, `{"teachIn": {...}}`, `{"secureTeachIn": {...}}`, `{"reassembly": {...}}`,
 * `{"none": {}}` (also for recognised but unsupported packets) and `{"error": {"code", "message"}}`.
 */
export function renderOutcome(outcome: DecodeOutcome, context: OutputContext): Record<string, unknown> {
  switch (outcome.kind) {
    case "data":
    case "signal":
      return buildOutputMessage(outcome, context);
    case "teachIn":
      return { teachIn: { ...toSection(outcome.teachIn.fields), ...securitySection(outcome.security) } };
    case "secureTeachIn":
      return { secureTeachIn: toSection(secureTeachInEntries(outcome.secureTeachIn)) };
    case "reassembly": {
      const section: Section = {};
      if (outcome.chain !== undefined) {
        section["reassembledRorg"] = { value: byteToHex(outcome.rorg) };
        section["reassembledData"] = { value: outcome.data };
      }
      return { reassembly: { ...section, ...securitySection(outcome.security) } };
    }
    case "none":
    case "unsupported":
      return { none: {} };
    case "error":
      return { error: { code: outcome.error.code, message: outcome.error.message } };
  }
}

export function toSection(entries: readonly TelemetryEntry[]): Section {
  const section: Section = {};
  for (const { key, value, unit, meaning } of entries) {
    const entry: SectionEntry = { value };
    if (unit !== undefined) entry.unit = unit;
    if (meaning !== undefined) entry.meaning = meaning;
    section[key] = entry;
  }
  return section;
}

function securitySection(security: SecurityInfo | undefined): Section {
  if (security === undefined) return {};
  const section: Section = {
    decryptedRorg: { value: byteToHex(security.decryptedRorg) },
    decryptedData: { value: security.decryptedData },
    slf: { value: security.slf },
  };
  if (security.rlc !== undefined) section["rlc"] = { value: security.rlc };
  return section;
}

/** The fields of a secure teach-in as entries (keys of the test vectors' secureTeachIn section). */
export function secureTeachInEntries(teachIn: SecureTeachIn): TelemetryEntry[] {
  const info = teachIn.ptm
    ? (["rockerA", "Rocker A", "rockerB", "Rocker B"] as const)
    : (["unidirectional", "Unidirectional", "bidirectional", "Bidirectional"] as const);
  return [
    { key: "teachInInfo", value: byteToHex(teachIn.teachInInfo) },
    { key: "idx", value: teachIn.idx },
    { key: "cnt", value: teachIn.cnt },
    { key: "psk", value: teachIn.psk, meaning: teachIn.psk ? "Encrypted with the pre-shared key" : "Not encrypted" },
    { key: "type", value: teachIn.ptm ? "ptm" : "nonPtm", meaning: teachIn.ptm ? "PTM switch" : "Not a PTM switch" },
    teachIn.info <= 1
      ? { key: "info", value: info[teachIn.info * 2]!, meaning: info[teachIn.info * 2 + 1]! }
      : { key: "info", value: "reserved", meaning: "Reserved" },
    { key: "slf", value: byteToHex(teachIn.slf) },
    { key: "rlc", value: teachIn.rlcHex },
    { key: "aesKey", value: teachIn.aesKey },
  ];
}
