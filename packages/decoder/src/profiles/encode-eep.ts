import { PROFILE_DEFINITIONS } from "./catalog";
import type {
  Condition,
  EnumFieldDefinition,
  FieldDefinition,
  MessageDefinition,
  NumberFieldDefinition,
  ProfileDefinition,
} from "./definition";

/** A value to encode: a number (scaled as the profile says), or an enumeration value
 * ("notPressed", "open"), or a special code of a number field ("error"). */
export type EepValue = number | string;

/** User data (bytes after the R-ORG) and the status bits an RPS layout depends on (T21, NU). */
export interface EncodedEep {
  rorg: number;
  data: Uint8Array;
  /** Status byte bits the chosen layout needs (0x20 T21, 0x10 NU); 0 for other telegram types. */
  status: number;
}

/** Raised for values or keys the profile cannot carry. */
export class EepEncodeError extends Error {
  readonly code = "EEP_ENCODE_ERROR";
  constructor(message: string) {
    super(message);
    this.name = "EepEncodeError";
  }
}

const DEFAULT_LENGTH: Record<number, number> = { 0xf6: 1, 0xd5: 1, 0xa5: 4 };
const byEep = new Map(PROFILE_DEFINITIONS.map((d) => [d.eep, d]));

/** Profile definition by EEP code, any case. */
export function profileDefinition(eep: string): ProfileDefinition | undefined {
  return byEep.get(eep.trim().toUpperCase());
}

/** The layouts of a profile (one for most, several for command-based VLD and RPS N/U messages). */
export function profileMessages(definition: ProfileDefinition): readonly MessageDefinition[] {
  return definition.messages ?? [{ description: definition.title, fields: definition.fields ?? [] }];
}

/**
 * The inverse of decoding: builds the user data of a telegram that decodes to `values` under the
 * profile (gateway simulator, tests). Numbers are scaled back to raw values (rounded, clamped to the
 * valid range); enumerations take the raw value of their item. Fields without a value stay 0, and
 * fields that are emitted only under a condition (sensor-available bits) get their condition bits
 * set. The layout is `options.message` (index into profileMessages) or the first one that has every
 * given key.
 */
export function encodeEep(
  eep: string | ProfileDefinition,
  values: Readonly<Record<string, EepValue>>,
  options: { message?: number } = {},
): EncodedEep {
  const definition = typeof eep === "string" ? profileDefinition(eep) : eep;
  if (definition === undefined) throw new EepEncodeError(`EEP ${String(eep)} is not supported`);
  const rorg = parseInt(definition.eep.slice(0, 2), 16);
  const messages = profileMessages(definition);
  const message = pickMessage(definition, messages, values, options.message);
  const length = message.length ?? definition.length ?? DEFAULT_LENGTH[rorg];
  if (length === undefined) throw new EepEncodeError(`${definition.eep}: the profile has no length`);
  const writer = new BitWriter(length);
  if (message.when && !writer.satisfy(message.when)) {
    throw new EepEncodeError(`${definition.eep}: cannot select "${message.description}"`);
  }
  // Enumerations first: a number's unit or divisor may be chosen by one of them.
  const fields = [...message.fields].sort((a, b) => kindOrder(a) - kindOrder(b) || a.offset - b.offset);
  const written = new Set<string>();
  for (const field of fields) {
    const value = values[field.key];
    if (value === undefined || written.has(field.key)) continue;
    // A key listed several times under different conditions: the first variant that can hold wins.
    if (field.when && !writer.satisfy(field.when)) continue;
    if (field.kind === "enum") writer.write(field, enumRaw(definition.eep, field, value));
    else writeNumber(definition.eep, writer, field, value);
    written.add(field.key);
  }
  return { rorg, data: writer.data, status: writer.status };
}

/**
 * Values a real device of this profile could send, chosen with `random` (0 <= r < 1): numbers
 * uniformly inside their scale, enumerations among their items. 4BS and 1BS telegrams are data
 * telegrams (learn bit "notPressed"), never teach-ins. `overrides` replace single values, e.g. a realistic temperature.
 */
export function sampleEepValues(
  eep: string | ProfileDefinition,
  random: () => number,
  options: { message?: number; overrides?: Readonly<Record<string, EepValue>> } = {},
): Record<string, EepValue> {
  const definition = typeof eep === "string" ? profileDefinition(eep) : eep;
  if (definition === undefined) throw new EepEncodeError(`EEP ${String(eep)} is not supported`);
  const messages = profileMessages(definition);
  const index = options.message ?? Math.floor(random() * messages.length);
  const message = messages[index];
  if (message === undefined) throw new EepEncodeError(`${definition.eep} has no message ${index}`);
  const values: Record<string, EepValue> = {};
  const selector = message.when;
  for (const field of message.fields) {
    if (field.key in values) continue;
    // Bits that select the layout (a command or message identifier) are set by the layout itself.
    if (selector?.offset !== undefined && field.offset >= selector.offset && field.offset + field.size <= selector.offset + (selector.size ?? 1)) continue;
    if (field.kind === "enum") {
      const item = field.items[Math.floor(random() * field.items.length)]!;
      values[field.key] = item.value;
    } else if (field.range && field.scale) {
      const [a, b] = field.scale;
      values[field.key] = Math.min(a, b) + random() * Math.abs(b - a);
    } else {
      values[field.key] = Math.floor(random() * Math.min(2 ** field.size, 10_000));
    }
  }
  if (/^(A5|D5)-/.test(definition.eep) && "learn" in values) values.learn = "notPressed";
  return { ...values, ...options.overrides };
}

function pickMessage(
  definition: ProfileDefinition,
  messages: readonly MessageDefinition[],
  values: Readonly<Record<string, EepValue>>,
  index: number | undefined,
): MessageDefinition {
  if (index !== undefined) {
    const message = messages[index];
    if (message === undefined) throw new EepEncodeError(`${definition.eep} has no message ${index}`);
    return message;
  }
  const keys = Object.keys(values);
  const message = messages.find((m) => keys.every((k) => m.fields.some((f) => f.key === k)));
  if (message === undefined) {
    const known = new Set(messages.flatMap((m) => m.fields.map((f) => f.key)));
    const unknown = keys.filter((k) => !known.has(k));
    throw new EepEncodeError(
      unknown.length > 0
        ? `${definition.eep} has no field ${unknown.join(", ")}`
        : `no single layout of ${definition.eep} carries ${keys.join(", ")}`,
    );
  }
  return message;
}

const kindOrder = (field: FieldDefinition) => (field.kind === "enum" ? 0 : 1);

function enumRaw(eep: string, field: EnumFieldDefinition, value: EepValue): number {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value < 2 ** field.size) return value;
    throw new EepEncodeError(`${eep}: ${field.key} takes one of its values or a raw number, not ${value}`);
  }
  const item = field.items.find((i) => i.value === value);
  if (item === undefined) {
    throw new EepEncodeError(`${eep}: ${field.key} has no value ${JSON.stringify(value)}`);
  }
  return typeof item.raw === "number" ? item.raw : item.raw[0];
}

function writeNumber(eep: string, writer: BitWriter, field: NumberFieldDefinition, value: EepValue): void {
  if (typeof value === "string") {
    const special = field.special?.find((s) => s.value === value);
    if (special === undefined) throw new EepEncodeError(`${eep}: ${field.key} is a number or one of its codes, not ${JSON.stringify(value)}`);
    writer.write(field, typeof special.raw === "number" ? special.raw : special.raw[0]);
    return;
  }
  if (!Number.isFinite(value)) throw new EepEncodeError(`${eep}: ${field.key} must be a finite number`);
  const max = 2 ** field.size - 1;
  let raw: number;
  if (field.range && field.scale) {
    const [r0, r1] = field.range;
    const [s0, s1] = field.scale;
    raw = Math.round(r0 + ((value - s0) * (r1 - r0)) / (s1 - s0));
    raw = clamp(raw, Math.min(r0, r1), Math.max(r0, r1));
  } else if (field.divisorBy) {
    const { offset, size, decimals } = field.divisorBy;
    let digits = decimals[writer.read(offset, size)];
    if (!writer.owns(offset, size)) {
      // Fewest decimals that keep the value, within the bits available.
      const choices = Object.entries(decimals)
        .map(([code, d]) => [Number(code), d] as const)
        .sort((a, b) => a[1] - b[1]);
      const fit = choices.find(([, d]) => Math.abs(Math.round(value * 10 ** d) - value * 10 ** d) < 1e-6 && value * 10 ** d <= max) ?? choices[0]!;
      writer.writeBits(offset, size, fit[0]);
      digits = fit[1];
    }
    raw = clamp(Math.round(value * 10 ** (digits ?? 0)), 0, max);
  } else {
    raw = clamp(Math.round(value), 0, max);
  }
  writer.write(field, raw);
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Writes unsigned fields MSB-first at EEP bit offsets and remembers which bits are taken, so a
 * condition is only forced onto bits no field has claimed. */
class BitWriter {
  readonly data: Uint8Array;
  status = 0;
  private readonly taken: Uint8Array;

  constructor(length: number) {
    this.data = new Uint8Array(length);
    this.taken = new Uint8Array(length);
  }

  write(field: FieldDefinition, raw: number): void {
    this.writeBits(field.offset, field.size, raw);
  }

  writeBits(offset: number, size: number, raw: number): void {
    for (let i = 0; i < size; i++) {
      const bit = Math.floor(raw / 2 ** (size - 1 - i)) % 2;
      const pos = offset + i;
      const mask = 0x80 >> (pos & 7);
      if (bit) this.data[pos >> 3]! |= mask;
      else this.data[pos >> 3]! &= ~mask;
      this.taken[pos >> 3]! |= mask;
    }
  }

  read(offset: number, size: number): number {
    let value = 0;
    for (let pos = offset; pos < offset + size; pos++) value = value * 2 + ((this.data[pos >> 3]! >> (7 - (pos & 7))) & 1);
    return value;
  }

  owns(offset: number, size: number): boolean {
    for (let pos = offset; pos < offset + size; pos++) if (this.taken[pos >> 3]! & (0x80 >> (pos & 7))) return true;
    return false;
  }

  /** Makes the condition hold if it can; false when its bits already hold something else. */
  satisfy(condition: Condition): boolean {
    const target = targetOf(condition);
    if (condition.status !== undefined) {
      const bit = condition.status === "T21" ? 0x20 : 0x10;
      this.status = target ? this.status | bit : this.status & ~bit;
      return true;
    }
    const offset = condition.offset ?? 0;
    const size = condition.size ?? 1;
    if (holds(condition, this.read(offset, size))) return true;
    if (this.owns(offset, size)) return false;
    this.writeBits(offset, size, target);
    return true;
  }
}

function targetOf(condition: Condition): number {
  const { equals, notEquals } = condition;
  if (typeof equals === "number") return equals;
  if (equals !== undefined) return equals[0] ?? 0;
  return notEquals === 0 ? 1 : 0;
}

function holds(condition: Condition, value: number): boolean {
  const { equals, notEquals } = condition;
  if (typeof equals === "number") return value === equals;
  if (equals !== undefined) return equals.includes(value);
  return value !== notEquals;
}
