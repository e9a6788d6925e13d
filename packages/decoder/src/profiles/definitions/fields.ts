import type { Condition, EnumFieldDefinition, EnumItem, NumberFieldDefinition } from "../definition";

/** Compact constructors for field definitions: they only build data, they decode nothing. */

type NumberOptions = Omit<NumberFieldDefinition, "kind" | "key" | "description" | "offset" | "size">;

export function number(
  key: string,
  description: string,
  offset: number,
  size: number,
  options: NumberOptions = {},
): NumberFieldDefinition {
  return { kind: "number", key, description, offset, size, ...options };
}

/** Linear scaling: raw range -> scale range with unit. */
export function scaled(
  key: string,
  description: string,
  offset: number,
  size: number,
  range: readonly [number, number],
  scale: readonly [number, number],
  unit: string | undefined,
  options: Omit<NumberOptions, "range" | "scale" | "unit"> = {},
): NumberFieldDefinition {
  return number(
    key,
    description,
    offset,
    size,
    unit === undefined ? { range, scale, ...options } : { range, scale, unit, ...options },
  );
}

export type ItemTuple = readonly [raw: number | readonly [number, number], value: string, meaning: string];

export function items(list: readonly ItemTuple[]): EnumItem[] {
  return list.map(([raw, value, meaning]) => ({ raw, value, meaning }));
}

export function enumeration(
  key: string,
  description: string,
  offset: number,
  size: number,
  list: readonly ItemTuple[],
  when?: Condition,
): EnumFieldDefinition {
  return when === undefined
    ? { kind: "enum", key, description, offset, size, items: items(list) }
    : { kind: "enum", key, description, offset, size, items: items(list), when };
}

/** Only when the bit at `offset` is 1 (a "sensor available" or "value supported" flag). */
export function whenBit(offset: number, value = 1): Condition {
  return { offset, size: 1, equals: value };
}

/** The 4BS learn bit DB0.3: data telegrams always show `notPressed` (teach-ins never reach a
 * profile), reported as in IoTC's CO2 example. */
export const LEARN_4BS: EnumFieldDefinition = enumeration("learn", "LRN Bit (LRNB)", 28, 1, [
  [0, "pressed", "Teach-in telegram"],
  [1, "notPressed", "Data telegram"],
]);

/** Boolean-like enumeration in IoTC's Python style ("False"/"True"). */
export function trueFalse(
  key: string,
  description: string,
  offset: number,
  meaningFalse: string,
  meaningTrue: string,
): EnumFieldDefinition {
  return enumeration(key, description, offset, 1, [
    [0, "False", meaningFalse],
    [1, "True", meaningTrue],
  ]);
}

/** Supply voltage 0..250 -> 0..5 V, 251..255 reserved for error codes ("invalid"). */
export function supplyVoltage250(offset = 0, when?: Condition): NumberFieldDefinition {
  return scaled("supplyVoltage", "Supply voltage (SVC)", offset, 8, [0, 250], [0, 5], "V", when ? { when } : {});
}

/** Supply voltage 0..255 -> 0..5.1 V. */
export function supplyVoltage255(offset = 0): NumberFieldDefinition {
  return scaled("supplyVoltage", "Supply voltage (SVC)", offset, 8, [0, 255], [0, 5.1], "V");
}
