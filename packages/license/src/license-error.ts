/** Why a license key was not accepted. The code is stable; the message is for people. */
export type LicenseErrorCode = "LICENSE_MALFORMED" | "LICENSE_BAD_SIGNATURE" | "LICENSE_KEY_INVALID";

export class LicenseError extends Error {
  constructor(
    readonly code: LicenseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LicenseError";
  }
}
