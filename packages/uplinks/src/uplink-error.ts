/** Why an uplink was refused; `code` is stable (HTTP answers and statistics use it). */
export type UplinkErrorCode =
  | "BAD_UPLINK"
  | "NOT_AN_UPLINK"
  | "BAD_ENVELOPE"
  | "BAD_KEY"
  | "BAD_MAC"
  | "UNDECRYPTABLE"
  | "BAD_PLAINTEXT"
  | "BAD_PAYLOAD";

export class UplinkError extends Error {
  constructor(
    readonly code: UplinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UplinkError";
  }
}

export function isUplinkError(error: unknown): error is UplinkError {
  return error instanceof UplinkError;
}
