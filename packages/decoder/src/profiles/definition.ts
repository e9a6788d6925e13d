/**
 * Declarative EEP profile definitions. Bit offsets and sizes count over the user data (bytes between
 * R-ORG and sender), offset 0 = bit 7 of the first byte, as in the EEP specification's XML.
 */

/** One enumeration item: a raw value (or an inclusive raw range) and what it means. */
export interface EnumItem {
  raw: number | readonly [number, number];
  /** Output value: lowerCamelCase of the EEP item text (IoTC style), e.g. "notPressed". */
  value: string;
  /** Human-readable text, normally the EEP item text. */
  meaning: string;
}

/** Selects telegrams or fields by the value of some bits. */
export interface Condition {
  /** User-data bits to read, or a status-byte bit of RPS telegrams (T21 = bit 5, NU = bit 4). */
  offset?: number;
  size?: number;
  status?: "T21" | "NU";
  equals?: number | readonly number[];
  notEquals?: number;
}

interface FieldBase {
  /** Output key (lowerCamelCase of the EEP field name; IoTC's spelling where it has one). */
  key: string;
  /** EEP field name and shortcut, e.g. "Temperature (TMP)". */
  description: string;
  offset: number;
  size: number;
  /** The field is emitted only when the condition holds (e.g. a sensor-availability bit). */
  when?: Condition;
}

/** A number: `scaleMin + (raw - rangeMin) * ((scaleMax - scaleMin) / (rangeMax - rangeMin))`,
 * rounded to `decimals` (default 2). Without range/scale the raw value itself. */
export interface NumberFieldDefinition extends FieldBase {
  kind: "number";
  /** Valid raw range (may be inverted, e.g. [255, 0]); raw values outside it are "invalid". */
  range?: readonly [number, number];
  /** Output values for range[0] and range[1]. */
  scale?: readonly [number, number];
  unit?: string;
  /** Unit chosen by other bits (e.g. cumulative vs current value). */
  unitBy?: { offset: number; size: number; units: Readonly<Record<number, string>> };
  /** Divides by 10^decimals[raw of these bits] and rounds to that many decimals. */
  divisorBy?: { offset: number; size: number; decimals: Readonly<Record<number, number>> };
  /** Raw codes emitted as enumeration entries instead of a number (error, out of range...). */
  special?: readonly EnumItem[];
  decimals?: number;
}

/** An enumeration: raw value -> {value, meaning}; raw values not listed give "reserved". */
export interface EnumFieldDefinition extends FieldBase {
  kind: "enum";
  items: readonly EnumItem[];
}

export type FieldDefinition = NumberFieldDefinition | EnumFieldDefinition;

/** One telegram layout of a profile; profiles with several (command-based VLD, RPS N/U messages)
 * list them in `messages` and the first whose condition holds is used. */
export interface MessageDefinition {
  description: string;
  when?: Condition;
  /** Exact user-data length in bytes; default: the profile's length. */
  length?: number;
  fields: readonly FieldDefinition[];
}

export interface ProfileDefinition {
  /** "A5-02-05", upper case. The R-ORG is its first part. */
  eep: string;
  title: string;
  /** Exact user-data length in bytes. Default: 1 for F6 and D5, 4 for A5; required for D2. */
  length?: number;
  fields?: readonly FieldDefinition[];
  messages?: readonly MessageDefinition[];
}
