import type { MaybePromise } from "../maybe-promise";

/** What the pipeline knows about an onboarded device (IoTC onboarding fields). */
export interface DeviceSettings {
  /** EEP the device was onboarded with, any case ("A5-09-09", "a5-09-09"). */
  eep?: string;
  /** AES-128 key, 32 hex digits (IoTC `AESKey`). A device with a key must send secure telegrams. */
  aesKey?: string;
  /** Security level format, 2 hex digits (IoTC `slf`). Required with `aesKey`. */
  slf?: string;
  /** PTM switch module: SEC (0x30) telegrams carry a 4-bit RPS value. */
  isPTM?: boolean;
  /** Pre-shared key for SEC_TI teach-in with the PSK flag: 32 hex digits, or 34 with its CRC8. */
  psk?: string;
  /** Lowest RLC (hex, RLC-size digits) accepted while the RLC store holds nothing for the device,
   * e.g. the RLC of the device's SEC_TI teach-in. The store's value wins once it exists. */
  rlcNext?: string;
}

/** Device lookup by sender EURID (8 lower-case hex digits); may answer with a promise. */
export type DeviceResolver = (eurid: string) => MaybePromise<DeviceSettings | undefined>;
