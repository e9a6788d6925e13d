import { DecodeError } from "../errors";
import type { TelemetryEntry } from "../telemetry-entry";
import { decodeProfile } from "./engine";
import { getCompiledProfile } from "./registry";

/**
 * Decodes the user data of one telegram (bytes after the R-ORG, before the sender) with the named
 * profile. `status` is the ERP1 status byte (RPS profiles read T21/NU from it). Throws
 * EEP_NOT_FOUND_ERROR for an unknown EEP and EEP_DECODE_ERROR when the data does not fit it.
 */
export function decodeEep(eep: string, userData: Uint8Array, status = 0): TelemetryEntry[] {
  const profile = getCompiledProfile(eep);
  if (profile === undefined) {
    throw new DecodeError("EEP_NOT_FOUND_ERROR", `EEP ${eep} is not supported`, { eep });
  }
  return decodeProfile(profile, userData, status);
}
