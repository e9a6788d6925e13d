import type { TeachIn } from "./teach-in";

/** 1BS telegrams are teach-in telegrams when the LRN bit DB0.3 (offset 4) is 0. */
export function isOneBsTeachIn(payload: Uint8Array): boolean {
  return payload.length === 1 && (payload[0]! & 0x08) === 0;
}

/** 1BS teach-in: carries no EEP (D5-00-01 is the only 1BS profile). */
export function decodeOneBsTeachIn(): TeachIn {
  return {
    teachInType: "1BS",
    eep: undefined,
    manufacturerId: undefined,
    fields: [
      { key: "teachInType", value: "1BS" },
      { key: "learn", value: "pressed", meaning: "pressed" },
    ],
  };
}
