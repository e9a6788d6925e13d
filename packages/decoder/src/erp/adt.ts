import { DecodeError } from "../errors";
import { euridAt } from "../hex";

export interface UnwrappedAddressedTelegram {
  /** Original R-ORG (may itself be a chain fragment or a secure telegram). */
  rorg: number;
  /** Original user data. */
  payload: Uint8Array;
  /** Addressee EURID carried inside the telegram. */
  destination: string;
}

/**
 * Addressed telegram (ADT, R-ORG 0xA6): user data = original R-ORG | original data | destination (4).
 * A receiving module that is itself the addressee may deliver the unwrapped form instead (original
 * R-ORG, destination only in the optional data); that form needs no unwrapping.
 */
export function unwrapAdt(userData: Uint8Array): UnwrappedAddressedTelegram {
  if (userData.length < 6) {
    throw new DecodeError(
      "TELEGRAM_MALFORMED",
      `addressed telegram needs R-ORG, at least one data byte and a destination, got ${userData.length} byte(s)`,
      { length: userData.length },
    );
  }
  const destinationAt = userData.length - 4;
  return {
    rorg: userData[0]!,
    payload: userData.subarray(1, destinationAt),
    destination: euridAt(userData, destinationAt),
  };
}
