import type { TelegramFacts } from "../erp/telegram";
import type { DecodeError, DecodeErrorCode } from "../errors";
import type { SecureTeachIn } from "../security/secure-teach-in";
import type { TeachIn } from "../teach-in/teach-in";
import type { TelemetryEntry } from "../telemetry-entry";

/** How a secure telegram was opened. */
export interface SecurityInfo {
  /** SLF used, 2 hex digits. */
  slf: string;
  /** RLC the CMAC verified with (hex, RLC-size wide); undefined when the SLF has no RLC. */
  rlc: string | undefined;
  /** The RLC was not transmitted (implicit) but found in the receiver's window. */
  implicitRlc: boolean;
  /** CMAC length in bytes (0 = not authenticated). */
  cmacLength: number;
  /** Content was VAES-encrypted. */
  encrypted: boolean;
  /** R-ORG of the plain content (0x32 SEC_D for a SEC/PTM telegram). */
  decryptedRorg: number;
  /** Plain content after that R-ORG, hex. */
  decryptedData: string;
}

/** How a chained message was put together. */
export interface ChainInfo {
  /** 0x40 CDM or 0x33 SEC_CDM. */
  chainRorg: number;
  seq: number;
  fragments: number;
}

interface FromTelegram {
  /** Facts of the (last) received telegram, as received. */
  telegram: TelegramFacts;
  security: SecurityInfo | undefined;
  chain: ChainInfo | undefined;
}

/** EEP-decoded telemetry (IoTC `telemetry.data`). */
export interface DataOutcome extends FromTelegram {
  kind: "data";
  /** EEP the values were decoded with (canonical upper case). */
  eep: string;
  data: TelemetryEntry[];
}

/** SIGNAL telegram (R-ORG 0xD0): `telemetry.signal` and `telemetry.meta.sensorHealth`. */
export interface SignalOutcome extends FromTelegram {
  kind: "signal";
  mid: number;
  signal: TelemetryEntry[];
  sensorHealth: TelemetryEntry[];
}

/** 4BS / 1BS / UTE teach-in telegram (possibly sent secured). */
export interface TeachInOutcome extends FromTelegram {
  kind: "teachIn";
  teachIn: TeachIn;
}

/** Complete SEC_TI secure teach-in: the key, RLC and SLF the device announces. The engine does
 * not store them: the pipeline decides whether to accept the teach-in. */
export interface SecureTeachInOutcome extends FromTelegram {
  kind: "secureTeachIn";
  secureTeachIn: SecureTeachIn;
}

/** A chained and/or secure message whose content is not decoded further (no EEP for the device,
 * manufacturer-specific content, or a PTM's decrypted 0x32 form). */
export interface ReassemblyOutcome extends FromTelegram {
  kind: "reassembly";
  /** R-ORG of the content. */
  rorg: number;
  /** Content after that R-ORG, hex. */
  data: string;
}

/** A valid telegram that produces nothing (yet). */
export interface NoneOutcome {
  kind: "none";
  reason: "chainFragment" | "secureTeachInPart" | "noEep" | "manufacturerSpecific";
  telegram: TelegramFacts;
}

/** Recognised, but not something this engine decodes. */
export interface UnsupportedOutcome {
  kind: "unsupported";
  code: Extract<DecodeErrorCode, "UNSUPPORTED_PACKET_TYPE" | "UNSUPPORTED_RORG">;
  message: string;
  packetType: number;
  packetTypeName: string;
  /** For radio telegrams with an R-ORG the engine does not handle. */
  telegram: TelegramFacts | undefined;
}

/** The frame or telegram was rejected; `error.code` is the reason ("not processed: <code>"). */
export interface ErrorOutcome {
  kind: "error";
  error: DecodeError;
  /** Facts of the telegram when it could be parsed that far. */
  telegram: TelegramFacts | undefined;
}

export type DecodeOutcome =
  | DataOutcome
  | SignalOutcome
  | TeachInOutcome
  | SecureTeachInOutcome
  | ReassemblyOutcome
  | NoneOutcome
  | UnsupportedOutcome
  | ErrorOutcome;

/** Outcomes that become an IoTC output message. */
export type MessageOutcome = DataOutcome | SignalOutcome;

export function isMessageOutcome(outcome: DecodeOutcome): outcome is MessageOutcome {
  return outcome.kind === "data" || outcome.kind === "signal";
}
