import { readFileSync } from "node:fs";
import { expect } from "vitest";
import {
  buildOutputMessage,
  type DecodeOutcome,
  type DeviceSettings,
  type TelegramFacts,
  type TelemetryEntry,
} from "../src/index";

/** One test vector of test/fixtures/telegrams.json (format: test/fixtures/README.md). */
export interface Vector {
  name: string;
  eep: string | null;
  sender: string | null;
  esp3: string | string[];
  section: string;
  device?: { aesKey?: string; slf?: string; rlcNext?: string; isPTM?: boolean; psk?: string };
  expect: Record<string, Expected>;
  expectEach?: { section: string; expect: Record<string, Expected> }[];
  absent?: string[];
  raw?: Record<string, string | number>;
  confidence: string;
}

export interface Expected {
  value: string | number | boolean;
  unit?: string;
  meaning?: string;
}

export const vectors: Vector[] = JSON.parse(
  readFileSync(new URL("./fixtures/telegrams.json", import.meta.url), "utf8"),
) as Vector[];

export function deviceOf(vector: Vector): DeviceSettings {
  return { ...(vector.eep === null ? {} : { eep: vector.eep }), ...vector.device };
}

export function framesOf(vector: Vector): string[] {
  return Array.isArray(vector.esp3) ? vector.esp3 : [vector.esp3];
}

const CONTEXT = {
  sensor: { friendlyId: "vector", location: "test" },
  timestamp: 1_700_000_000.5,
  egressTime: 1_700_000_001,
};

/** The section an outcome lands in and its entries, keyed like a vector's `expect`. Data and signal
 * entries are read from the IoTC output message, as a consumer sees them. */
export function sectionOf(outcome: DecodeOutcome): { section: string; entries: Record<string, Expected> } {
  switch (outcome.kind) {
    case "data":
      return { section: "data", entries: byKey(buildOutputMessage(outcome, CONTEXT).telemetry.data) };
    case "signal":
      return { section: "signal", entries: byKey(buildOutputMessage(outcome, CONTEXT).telemetry.signal) };
    case "teachIn":
      return { section: "teachIn", entries: { ...byKey(outcome.teachIn.fields), ...securityEntries(outcome) } };
    case "secureTeachIn": {
      const t = outcome.secureTeachIn;
      return {
        section: "secureTeachIn",
        entries: {
          teachInInfo: { value: t.teachInInfo.toString(16).padStart(2, "0") },
          idx: { value: t.idx },
          cnt: { value: t.cnt },
          psk: { value: t.psk },
          type: { value: t.ptm ? "ptm" : "nonPtm" },
          info: { value: t.ptm ? ["rockerA", "rockerB"][t.info]! : ["unidirectional", "bidirectional"][t.info]! },
          slf: { value: t.slf.toString(16).padStart(2, "0") },
          rlc: { value: t.rlcHex },
          aesKey: { value: t.aesKey },
        },
      };
    }
    case "reassembly": {
      const entries: Record<string, Expected> = { ...securityEntries(outcome) };
      if (outcome.chain) {
        entries["reassembledRorg"] = { value: outcome.rorg.toString(16).padStart(2, "0") };
        entries["reassembledData"] = { value: outcome.data };
      }
      return { section: "reassembly", entries };
    }
    case "none":
    case "unsupported":
      return { section: "none", entries: {} };
    case "error":
      return { section: "error", entries: { error: { value: outcome.error.code } } };
  }
}

function byKey(entries: readonly TelemetryEntry[]): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  for (const e of entries) out[e.key] = e;
  return out;
}

function securityEntries(outcome: Extract<DecodeOutcome, { security: unknown }>): Record<string, Expected> {
  const s = outcome.security;
  if (!s) return {};
  const out: Record<string, Expected> = {
    decryptedRorg: { value: s.decryptedRorg.toString(16).padStart(2, "0") },
    decryptedData: { value: s.decryptedData },
  };
  if (s.rlc !== undefined) out["rlc"] = { value: s.rlc };
  return out;
}

/** Asserts a vector's expectation on one outcome: section, every expected key (value, and unit /
 * meaning when given; numbers numerically) and the absent keys. */
export function expectSection(
  outcome: DecodeOutcome,
  section: string,
  expected: Record<string, Expected>,
  absent: string[] = [],
): void {
  const actual = sectionOf(outcome);
  const detail = outcome.kind === "error" ? ` (${outcome.error.code}: ${outcome.error.message})` : "";
  expect(actual.section, `section${detail}`).toBe(section);
  for (const [key, want] of Object.entries(expected)) {
    const got = actual.entries[key];
    expect(got, `key ${key}`).toBeDefined();
    if (typeof want.value === "number") expect(got!.value, `${key}.value`).toBeCloseTo(want.value, 10);
    else expect(got!.value, `${key}.value`).toBe(want.value);
    if (want.unit !== undefined) expect(got!.unit, `${key}.unit`).toBe(want.unit);
    if (want.meaning !== undefined) expect(got!.meaning, `${key}.meaning`).toBe(want.meaning);
  }
  for (const key of absent) expect(actual.entries, `absent ${key}`).not.toHaveProperty(key);
}

/** Asserts a vector's `raw` fields: from the output message for data/signal, from the telegram
 * facts otherwise. */
export function expectRaw(outcome: DecodeOutcome, raw: Record<string, string | number>): void {
  let fields: Record<string, string | number>;
  if (outcome.kind === "data" || outcome.kind === "signal") {
    const message = buildOutputMessage(outcome, CONTEXT);
    fields = { ...message.raw, rssiByte: message.raw.rssi, rssiDbm: -message.raw.rssi };
  } else {
    const facts: TelegramFacts | undefined = outcome.telegram;
    expect(facts, "telegram facts").toBeDefined();
    fields = { ...facts!, rssiByte: facts!.dBm, rssiDbm: -facts!.dBm };
  }
  for (const [key, value] of Object.entries(raw)) expect(fields[key], `raw.${key}`).toBe(value);
}
