// Public API of @tidewire/decoder. Everything not exported here is internal.

// Errors
export { DecodeError, DECODE_ERROR_CODES, isDecodeError, type DecodeErrorCode } from "./errors";

// ESP3 framing
export { Esp3Framer, type Esp3FramerOptions, type FramerResult } from "./esp3/framer";
export { parseEsp3 } from "./esp3/parse";
export { encodeEsp3 } from "./esp3/encode";
export { crc8 } from "./esp3/crc8";
export { PacketType, packetTypeName } from "./esp3/packet-type";
export { DEFAULT_MAX_PACKET_LENGTH, type Esp3Packet } from "./esp3/packet";

// Radio telegrams
export { Rorg, rorgName } from "./erp/rorg";
export type { TelegramFacts } from "./erp/telegram";
export { encodeRadioErp1, type RadioErp1Telegram } from "./erp/erp1-encode";

// Engine
export { DecoderEngine, type DecoderEngineOptions, type DecodeOptions } from "./engine/decoder-engine";
export { decodeFrame, decodeFrames } from "./engine/decode-frame";
export type { DeviceSettings, DeviceResolver } from "./engine/device-settings";
export {
  isMessageOutcome,
  type DecodeOutcome,
  type DataOutcome,
  type SignalOutcome,
  type TeachInOutcome,
  type SecureTeachInOutcome,
  type ReassemblyOutcome,
  type NoneOutcome,
  type UnsupportedOutcome,
  type ErrorOutcome,
  type MessageOutcome,
  type SecurityInfo,
  type ChainInfo,
} from "./engine/outcome";
export { isPromiseLike, type MaybePromise } from "./maybe-promise";

// Shared state
export { MemoryChainStore, type ChainStore, type ChainFragment, type ChainPutOptions } from "./chain/chain-store";
export { MemoryRlcStore, type RlcStore } from "./security/rlc-store";

// Chaining and security helpers (simulators, tests)
export { splitIntoChain, type ChainSplitOptions } from "./chain/chain-encode";
export {
  encodeSecureTelegram,
  encodeSecureTeachIn,
  type SecureTelegramSpec,
  type SecureTeachInSpec,
} from "./security/secure-encode";
export { parseSlf, type SecurityLevelFormat } from "./security/slf";
export type { SecureTeachIn } from "./security/secure-teach-in";

// Content
export type { TeachIn } from "./teach-in/teach-in";
export { decodeSignal, signalIdentifier, type DecodedSignal } from "./signal/signal";
export type { TelemetryEntry } from "./telemetry-entry";

// Profiles
export * from "./profiles/index";

// Output message
export { buildOutputMessage, type OutputContext, type OutputMessage } from "./output/output-message";
export { formatUnixSeconds } from "./output/unix-seconds";

// Hex helpers used by callers that store frames as hex
export { toHex, fromHex } from "./hex";

// Duplicate removal and simulation (added with the ingest issue)
export { telegramFingerprint, FINGERPRINT_HEX_LENGTH } from "./erp/telegram-fingerprint";
export {
  encodeEep,
  sampleEepValues,
  profileDefinition,
  profileMessages,
  EepEncodeError,
  type EepValue,
  type EncodedEep,
} from "./profiles/encode-eep";
