// Profile catalogue without the rest of the engine (no node:crypto), for browser bundles such as the
// portal's EEP picker: import from "@tidewire/decoder/profiles".
export { profiles, listProfiles, getProfile } from "./registry";
export { decodeEep } from "./decode-eep";
export { IOTC_PROFILES, PROFILE_DEFINITIONS } from "./catalog";
export type { ProfileInfo, ProfileFieldInfo } from "./profile-info";
export type {
  ProfileDefinition,
  MessageDefinition,
  FieldDefinition,
  NumberFieldDefinition,
  EnumFieldDefinition,
  EnumItem,
  Condition,
} from "./definition";
export type { TelemetryEntry } from "../telemetry-entry";
