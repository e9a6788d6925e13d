import { PROFILE_DEFINITIONS } from "./catalog";
import { compileProfile, type CompiledProfile } from "./engine";
import { describeProfile, type ProfileInfo } from "./profile-info";

const compiled = new Map<string, CompiledProfile>();
const described: ProfileInfo[] = [];
for (const definition of PROFILE_DEFINITIONS) {
  if (compiled.has(definition.eep)) throw new Error(`profile ${definition.eep} is defined twice`);
  compiled.set(definition.eep, compileProfile(definition));
  described.push(describeProfile(definition));
}
const describedByEep = new Map(described.map((info) => [info.eep, info]));

/** Every supported profile with its output keys, for the portal's EEP picker and the API. */
export const profiles: readonly ProfileInfo[] = described;

export function listProfiles(): readonly ProfileInfo[] {
  return profiles;
}

// EEP codes come from device settings in any case ("a5-09-09" in IoTC's API examples); aliases that
// were looked up once are remembered so the hot path is one map lookup.
const aliases = new Map<string, string>();

function canonical(eep: string): string | undefined {
  if (compiled.has(eep)) return eep;
  const alias = aliases.get(eep);
  if (alias !== undefined) return alias;
  const upper = eep.trim().toUpperCase();
  if (!compiled.has(upper)) return undefined;
  if (aliases.size < 10_000) aliases.set(eep, upper);
  return upper;
}

/** Profile description by EEP code, any case ("a5-09-09" finds "A5-09-09"). */
export function getProfile(eep: string): ProfileInfo | undefined {
  const key = canonical(eep);
  return key === undefined ? undefined : describedByEep.get(key);
}

/** Compiled profile for decoding, any case. */
export function getCompiledProfile(eep: string): CompiledProfile | undefined {
  const key = canonical(eep);
  return key === undefined ? undefined : compiled.get(key);
}
