import { nu, t21 } from "../erp/status";
import { DecodeError } from "../errors";
import type { TelemetryEntry } from "../telemetry-entry";
import { compileBitReader, type BitReader } from "./bit-reader";
import type {
  Condition,
  EnumFieldDefinition,
  EnumItem,
  FieldDefinition,
  MessageDefinition,
  NumberFieldDefinition,
  ProfileDefinition,
} from "./definition";
import { roundTo } from "./rounding";

/** Produces the entry of one field for a telegram, or undefined when the field is not emitted. */
type Emitter = (data: Uint8Array, status: number) => TelemetryEntry | undefined;
type Predicate = (data: Uint8Array, status: number) => boolean;

interface CompiledMessage {
  description: string;
  length: number;
  /** Bytes the selecting condition reads (a shorter telegram cannot be this message). */
  selectorBytes: number;
  when: Predicate | undefined;
  emitters: Emitter[];
}

/** A profile definition turned into closures once at load time; decoding then only reads bits. */
export interface CompiledProfile {
  eep: string;
  rorg: number;
  title: string;
  definition: ProfileDefinition;
  /** Some layout depends on the RPS status bits T21/NU, which ERP2 telegrams do not have. */
  usesStatus: boolean;
  messages: CompiledMessage[];
}

const DEFAULT_LENGTH: Record<number, number> = { 0xf6: 1, 0xd5: 1, 0xa5: 4 };
const EEP_PATTERN = /^([0-9A-F]{2})-([0-9A-F]{2})-([0-9A-F]{2})$/;

export function compileProfile(definition: ProfileDefinition): CompiledProfile {
  const match = EEP_PATTERN.exec(definition.eep);
  if (!match) throw new Error(`EEP code must look like "A5-02-05": ${definition.eep}`);
  const rorg = parseInt(match[1]!, 16);
  const profileLength = definition.length ?? DEFAULT_LENGTH[rorg];
  const messageDefinitions: readonly MessageDefinition[] = definition.messages ?? [
    { description: definition.title, fields: definition.fields ?? [] },
  ];
  if (definition.messages && definition.fields) throw new Error(`${definition.eep}: give fields or messages, not both`);
  let usesStatus = false;
  const messages = messageDefinitions.map((message): CompiledMessage => {
    const length = message.length ?? profileLength;
    if (length === undefined) throw new Error(`${definition.eep}: VLD profiles need a length`);
    const where = `${definition.eep} (${message.description})`;
    if (message.when?.status || message.fields.some((f) => f.when?.status)) usesStatus = true;
    const fields = [...message.fields].sort((a, b) => a.offset - b.offset);
    const keys = new Set<string>();
    for (const field of fields) {
      checkBits(where, field.key, field.offset, field.size, length);
      if (keys.has(field.key) && !field.when)
        throw new Error(`${where}: key ${field.key} repeated without a condition`);
      keys.add(field.key);
    }
    return {
      description: message.description,
      length,
      selectorBytes: message.when?.offset === undefined ? 0 : (message.when.offset + (message.when.size ?? 1) + 7) >> 3,
      when: message.when ? compileCondition(where, message.when, length) : undefined,
      emitters: fields.map((field) => compileField(where, field, length)),
    };
  });
  return { eep: definition.eep, rorg, title: definition.title, definition, usesStatus, messages };
}

/**
 * Decodes the user data of a telegram with a compiled profile: picks the message, checks its length
 * and emits one entry per field in ascending bit order. EEP_DECODE_ERROR when no message fits.
 */
export function decodeProfile(profile: CompiledProfile, payload: Uint8Array, status: number): TelemetryEntry[] {
  const messages = profile.messages;
  for (let m = 0; m < messages.length; m++) {
    const message = messages[m]!;
    if (message.when !== undefined) {
      if (payload.length < message.selectorBytes || !message.when(payload, status)) continue;
    }
    if (payload.length !== message.length) {
      throw new DecodeError(
        "EEP_DECODE_ERROR",
        `${profile.eep} expects ${message.length} data byte(s)${messages.length > 1 ? ` for "${message.description}"` : ""}, got ${payload.length}`,
        { eep: profile.eep, expected: message.length, length: payload.length },
      );
    }
    const entries: TelemetryEntry[] = [];
    const emitters = message.emitters;
    for (let f = 0; f < emitters.length; f++) {
      const entry = emitters[f]!(payload, status);
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  }
  throw new DecodeError("EEP_DECODE_ERROR", `no message of ${profile.eep} matches this telegram`, {
    eep: profile.eep,
    length: payload.length,
  });
}

function compileField(where: string, field: FieldDefinition, length: number): Emitter {
  const emit = field.kind === "enum" ? compileEnumField(field) : compileNumberField(where, field, length);
  if (field.when === undefined) return emit;
  const when = compileCondition(where, field.when, length);
  return (data, status) => (when(data, status) ? emit(data, status) : undefined);
}

function compileEnumField(field: EnumFieldDefinition): Emitter {
  const read = compileBitReader(field.offset, field.size);
  const lookup = compileEnumLookup(field.key, field.size, field.items);
  return (data) => lookup(read(data));
}

function compileNumberField(where: string, field: NumberFieldDefinition, length: number): Emitter {
  const { key, range, scale, special } = field;
  const read = compileBitReader(field.offset, field.size);
  if ((range === undefined) !== (scale === undefined)) throw new Error(`${where}: ${key} needs both range and scale`);
  const lowest = range ? Math.min(range[0], range[1]) : 0;
  const highest = range ? Math.max(range[0], range[1]) : Number.POSITIVE_INFINITY;
  const rangeMin = range ? range[0] : 0;
  const scaleMin = scale ? scale[0] : 0;
  // Slope first, exactly as eep-profiles.md 1.2 prescribes (the order changes the rounding).
  const slope = range && scale ? (scale[1] - scale[0]) / (range[1] - range[0]) : 1;
  const scaled = range !== undefined;
  const decimals = field.decimals ?? 2;
  const specialLookup = special && special.length > 0 ? compileEnumLookup(key, field.size, special, true) : undefined;
  const invalid: TelemetryEntry = Object.freeze({ key, value: "invalid" });

  let readUnit: BitReader | undefined;
  let units: Readonly<Record<number, string>> = {};
  if (field.unitBy) {
    checkBits(where, `${key} unit`, field.unitBy.offset, field.unitBy.size, length);
    readUnit = compileBitReader(field.unitBy.offset, field.unitBy.size);
    units = field.unitBy.units;
  }
  let readDivisor: BitReader | undefined;
  let divisorDecimals: Readonly<Record<number, number>> = {};
  if (field.divisorBy) {
    checkBits(where, `${key} divisor`, field.divisorBy.offset, field.divisorBy.size, length);
    readDivisor = compileBitReader(field.divisorBy.offset, field.divisorBy.size);
    divisorDecimals = field.divisorBy.decimals;
  }
  const fixedUnit = field.unit;

  return (data) => {
    const raw = read(data);
    if (specialLookup !== undefined) {
      const entry = specialLookup(raw);
      if (entry !== undefined) return entry;
    }
    if (raw < lowest || raw > highest) return invalid;
    let value = scaled ? scaleMin + (raw - rangeMin) * slope : raw;
    if (readDivisor !== undefined) {
      const digits = divisorDecimals[readDivisor(data)];
      if (digits === undefined) return invalid;
      value = roundTo(value / 10 ** digits, digits);
    } else if (scaled) {
      value = roundTo(value, decimals);
    }
    const unit = readUnit !== undefined ? units[readUnit(data)] : fixedUnit;
    return unit === undefined ? { key, value } : { key, value, unit };
  };
}

/** raw -> frozen entry; a table for small fields, a map plus ranges otherwise. Unlisted raw values
 * give "reserved" (or undefined for special codes of a number field). */
function compileEnumLookup(
  key: string,
  size: number,
  items: readonly EnumItem[],
  partial = false,
): (raw: number) => TelemetryEntry | undefined {
  const reserved: TelemetryEntry | undefined = partial
    ? undefined
    : Object.freeze({ key, value: "reserved", meaning: "Reserved" });
  const entries = items.map((item) => ({
    raw: item.raw,
    entry: Object.freeze({ key, value: item.value, meaning: item.meaning }) as TelemetryEntry,
  }));
  if (size <= 12) {
    const table: (TelemetryEntry | undefined)[] = new Array<TelemetryEntry | undefined>(1 << size).fill(reserved);
    // Later items do not override earlier ones: the first listed meaning of a raw value wins.
    for (let i = entries.length - 1; i >= 0; i--) {
      const { raw, entry } = entries[i]!;
      const [from, to] = typeof raw === "number" ? [raw, raw] : raw;
      for (let r = from; r <= to && r < table.length; r++) table[r] = entry;
    }
    return (raw) => table[raw];
  }
  const exact = new Map<number, TelemetryEntry>();
  const ranges: { from: number; to: number; entry: TelemetryEntry }[] = [];
  for (const { raw, entry } of entries) {
    if (typeof raw === "number") {
      if (!exact.has(raw)) exact.set(raw, entry);
    } else {
      ranges.push({ from: raw[0], to: raw[1], entry });
    }
  }
  return (raw) => {
    const hit = exact.get(raw);
    if (hit !== undefined) return hit;
    for (const range of ranges) if (raw >= range.from && raw <= range.to) return range.entry;
    return reserved;
  };
}

function compileCondition(where: string, condition: Condition, length: number): Predicate {
  let read: (data: Uint8Array, status: number) => number;
  if (condition.status !== undefined) {
    read = condition.status === "T21" ? (_, status) => t21(status) : (_, status) => nu(status);
  } else {
    if (condition.offset === undefined) throw new Error(`${where}: condition without bits`);
    const size = condition.size ?? 1;
    checkBits(where, "condition", condition.offset, size, length);
    const reader = compileBitReader(condition.offset, size);
    read = (data) => reader(data);
  }
  const { equals, notEquals } = condition;
  if (equals !== undefined) {
    if (typeof equals === "number") return (data, status) => read(data, status) === equals;
    const accepted = new Set(equals);
    return (data, status) => accepted.has(read(data, status));
  }
  if (notEquals !== undefined) return (data, status) => read(data, status) !== notEquals;
  throw new Error(`${where}: condition needs equals or notEquals`);
}

function checkBits(where: string, what: string, offset: number, size: number, length: number): void {
  if (offset < 0 || size < 1 || offset + size > length * 8) {
    throw new Error(`${where}: ${what} (offset ${offset}, size ${size}) lies outside ${length} data byte(s)`);
  }
}
