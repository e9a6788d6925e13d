/**
 * Stable error codes. The pipeline stores them verbatim as "not processed: <code>", so a code is
 * never renamed once released. IoTC's own event names (EEP_DECODE_ERROR, EEP_NOT_FOUND_ERROR,
 * MAC_VALIDATION_ERROR, RLC_REPLAY, DEVICE_SEND_NOW_UNSECURE) are kept as they are.
 */
export const DECODE_ERROR_CODES = [
  // ESP3 framing
  "ESP3_NO_SYNC",
  "ESP3_HEADER_CRC",
  "ESP3_DATA_CRC",
  "ESP3_TRUNCATED",
  "ESP3_TOO_LONG",
  // radio layer
  "UNSUPPORTED_PACKET_TYPE",
  "UNSUPPORTED_RORG",
  "TELEGRAM_MALFORMED",
  // chaining
  "CHAIN_TIMEOUT",
  "CHAIN_ORPHAN_FRAGMENT",
  // security
  "NO_KEY",
  "NO_PSK",
  "SECURITY_CONFIG_INVALID",
  "SECURITY_UNSUPPORTED",
  "MAC_VALIDATION_ERROR",
  "RLC_REPLAY",
  "RLC_OUT_OF_WINDOW",
  "DEVICE_SEND_NOW_UNSECURE",
  // content
  "SIGNAL_DECODE_ERROR",
  "EEP_DECODE_ERROR",
  "EEP_NOT_FOUND_ERROR",
  // caller input (hex strings, CLI lines)
  "BAD_INPUT",
] as const;

export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

/** The only error type the decoder produces for bad input. `details` holds machine-readable
 * context (offsets, expected lengths, the RLC that was rejected...). */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: DecodeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "DecodeError";
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: DecodeErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: { ...this.details } };
  }
}

export function isDecodeError(value: unknown): value is DecodeError {
  return value instanceof DecodeError;
}
