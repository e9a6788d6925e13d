import { getProfile, listProfiles, type ProfileInfo } from "@tidewire/decoder/profiles";

/** The decoder's profile list is the one source of which EEPs can be onboarded. */
export function supportedProfile(eep: string): ProfileInfo | undefined {
  return getProfile(eep);
}

export function allProfiles(): readonly ProfileInfo[] {
  return listProfiles();
}
