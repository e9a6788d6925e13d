import type { TelemetryEntry } from "../telemetry-entry";

/** A recognised teach-in telegram. It carries no measurement and is never decoded as data. */
export interface TeachIn {
  teachInType: "4BS" | "1BS" | "UTE";
  /** EEP the telegram announces ("A5-02-05"), when it announces one (4BS variation 2, UTE). */
  eep: string | undefined;
  /** Manufacturer ID, 3 upper-case hex digits, when announced. */
  manufacturerId: string | undefined;
  /** Every field as an entry, teachInType/eep/manufacturerId included, in telegram order. */
  fields: TelemetryEntry[];
}

/** "A5-02-05": upper-case, two hex digits per part. */
export function formatEep(rorg: number, func: number, type: number): string {
  return `${hex2(rorg)}-${hex2(func)}-${hex2(type)}`;
}

export function formatManufacturerId(id: number): string {
  return id.toString(16).toUpperCase().padStart(3, "0");
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, "0");
}
