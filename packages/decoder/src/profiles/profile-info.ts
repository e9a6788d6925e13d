import type { EnumItem, FieldDefinition, ProfileDefinition } from "./definition";

/** Public description of one output key of a profile (portal EEP picker, API). */
export interface ProfileFieldInfo {
  key: string;
  /** EEP field name and shortcut. */
  description: string;
  kind: "number" | "enum";
  /** Unit of the number (absent for dimensionless numbers and enumerations). */
  unit?: string;
  /** Possible units when the unit depends on other bits (meter readings). */
  units?: string[];
  /** Output range of a scaled number. */
  min?: number;
  max?: number;
  /** Enumeration values, or the special codes a number may be replaced by. */
  enum?: { value: string; meaning: string; raw: number | [number, number] }[];
  /** Present when the field is emitted only under a condition (sensor availability, message type). */
  conditional?: true;
}

export interface ProfileInfo {
  /** "A5-02-05". */
  eep: string;
  title: string;
  /** Telegram type: "RPS", "1BS", "4BS" or "VLD". */
  telegram: "RPS" | "1BS" | "4BS" | "VLD";
  fields: ProfileFieldInfo[];
}

const TELEGRAMS: Record<string, ProfileInfo["telegram"]> = { F6: "RPS", D5: "1BS", A5: "4BS", D2: "VLD" };

/** Describes a profile: each output key once, ordered by the bit offset where it first appears. */
export function describeProfile(definition: ProfileDefinition): ProfileInfo {
  const messages = definition.messages ?? [{ description: "", fields: definition.fields ?? [] }];
  const multiMessage = messages.length > 1;
  const byKey = new Map<string, ProfileFieldInfo>();
  const offsets = new Map<string, number>();
  for (const message of messages) {
    const fields = [...message.fields].sort((a, b) => a.offset - b.offset);
    for (const field of fields) {
      const known = byKey.get(field.key);
      if (known === undefined) {
        byKey.set(field.key, describeField(field, multiMessage || message.when !== undefined));
        offsets.set(field.key, field.offset);
      } else if (field.kind === "enum" && known.enum) {
        for (const item of field.items) {
          if (!known.enum.some((e) => e.value === item.value)) known.enum.push(describeItem(item));
        }
      }
    }
  }
  const telegram = TELEGRAMS[definition.eep.slice(0, 2)];
  if (telegram === undefined) throw new Error(`unknown telegram type of ${definition.eep}`);
  const fields = [...byKey.values()].sort((a, b) => offsets.get(a.key)! - offsets.get(b.key)!);
  return { eep: definition.eep, title: definition.title, telegram, fields };
}

function describeField(field: FieldDefinition, inMessage: boolean): ProfileFieldInfo {
  const info: ProfileFieldInfo = { key: field.key, description: field.description, kind: field.kind };
  if (field.kind === "enum") {
    info.enum = dedupe(field.items.map(describeItem));
  } else {
    if (field.unit !== undefined) info.unit = field.unit;
    if (field.unitBy) info.units = [...new Set(Object.values(field.unitBy.units))];
    if (field.scale) {
      info.min = Math.min(field.scale[0], field.scale[1]);
      info.max = Math.max(field.scale[0], field.scale[1]);
    }
    if (field.special && field.special.length > 0) info.enum = field.special.map(describeItem);
  }
  if (field.when !== undefined || inMessage) info.conditional = true;
  return info;
}

function describeItem(item: EnumItem): { value: string; meaning: string; raw: number | [number, number] } {
  return {
    value: item.value,
    meaning: item.meaning,
    raw: typeof item.raw === "number" ? item.raw : [item.raw[0], item.raw[1]],
  };
}

function dedupe<T extends { value: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((item) => (seen.has(item.value) ? false : (seen.add(item.value), true)));
}
