import { Rorg } from "../erp/rorg";
import type { TelemetryEntry } from "../telemetry-entry";
import { formatEep, formatManufacturerId, type TeachIn } from "./teach-in";

/** 4BS telegrams are teach-in telegrams when the LRN bit DB0.3 (offset 28) is 0. */
export function isFourBsTeachIn(payload: Uint8Array): boolean {
  return payload.length === 4 && (payload[3]! & 0x08) === 0;
}

/**
 * 4BS teach-in. Variation 1 (LRN type DB0.7 = 0) carries nothing; variation 2 carries FUNC (offset
 * 0, 6 bits), TYPE (offset 6, 7 bits), manufacturer ID (offset 13, 11 bits) and, for bidirectional
 * teach-in, EEP result (25), LRN result (26) and LRN status (27).
 */
export function decodeFourBsTeachIn(payload: Uint8Array): TeachIn {
  const [db3, db2, db1, db0] = [payload[0]!, payload[1]!, payload[2]!, payload[3]!];
  const withEep = (db0 & 0x80) !== 0;
  const fields: TelemetryEntry[] = [{ key: "teachInType", value: "4BS" }];
  let eep: string | undefined;
  let manufacturerId: string | undefined;
  if (withEep) {
    const func = db3 >> 2;
    const type = ((db3 & 0x03) << 5) | (db2 >> 3);
    eep = formatEep(Rorg.BS4, func, type);
    manufacturerId = formatManufacturerId(((db2 & 0x07) << 8) | db1);
    fields.push({ key: "eep", value: eep }, { key: "manufacturerId", value: manufacturerId });
  }
  fields.push(
    { key: "learnType", ...(withEep ? WITH_EEP : WITHOUT_EEP) },
    ...(withEep
      ? [
          flag("eepResult", db0 & 0x40, ["eepNotSupported", "EEP not supported"], ["eepSupported", "EEP supported"]),
          flag("learnResult", db0 & 0x20, ["notStored", "Sender ID not stored"], ["stored", "Sender ID stored"]),
          flag("learnStatus", db0 & 0x10, ["query", "Query"], ["response", "Response"]),
        ]
      : []),
    { key: "learn", value: "pressed", meaning: "Teach-in telegram" },
  );
  return { teachInType: "4BS", eep, manufacturerId, fields };
}

const WITH_EEP = { value: "withEep", meaning: "Teach-in with EEP number and manufacturer ID" };
const WITHOUT_EEP = { value: "withoutEep", meaning: "Teach-in without EEP number and manufacturer ID" };

function flag(key: string, bit: number, off: [string, string], on: [string, string]): TelemetryEntry {
  const [value, meaning] = bit ? on : off;
  return { key, value, meaning };
}
