import { Rorg } from "../erp/rorg";
import { DecodeError } from "../errors";
import { andThen, type MaybePromise } from "../maybe-promise";
import type { KeyMaterial } from "./key-cache";
import { rlcBytes, rlcToHex, searchRlc, type RlcPolicy } from "./rlc";
import type { RlcStore } from "./rlc-store";
import type { SecurityLevelFormat } from "./slf";
import { vaes } from "./vaes";

/** What a verified (and, with VAES, decrypted) secure telegram contained. */
export interface OpenedSecureTelegram {
  /** R-ORG of the plain content: the decrypted first byte for SEC_R, 0x32 (SEC_D) for SEC. */
  rorg: number;
  payload: Uint8Array;
  /** RLC the CMAC verified with; undefined when the SLF has no RLC. */
  rlc: number | undefined;
  /** RLC as hex, RLC-size wide ("" without RLC). */
  rlcHex: string;
  slf: SecurityLevelFormat;
}

export interface SecureTelegramInput {
  /** 0x30 SEC or 0x31 SEC_R (a reassembled SEC_CDM is a SEC_R message). */
  rorg: number;
  /** User data after the R-ORG: encrypted content | RLC (if transmitted) | CMAC. */
  body: Uint8Array;
  key: KeyMaterial;
  slf: SecurityLevelFormat;
  /** PTM switch: only the low nibble of each decrypted SEC byte is meaningful. */
  isPtm: boolean;
}

const MAX_CAS_ATTEMPTS = 3;

/**
 * Verifies the CMAC under the right RLC, checks it against the device's RLC state (replay, window),
 * advances the state with a compare-and-set and decrypts. Returns a DecodeError (never throws) for
 * MAC_VALIDATION_ERROR, RLC_REPLAY, RLC_OUT_OF_WINDOW and TELEGRAM_MALFORMED; a failing store rejects.
 */
export function openSecureTelegram(
  input: SecureTelegramInput,
  deviceId: string,
  initialNext: number | undefined,
  store: RlcStore,
  policy: RlcPolicy,
  /** the telegram being judged, for stores that recognise a telegram judged again */
  telegramId?: string,
): MaybePromise<OpenedSecureTelegram | DecodeError> {
  const { body, slf, key } = input;
  const encLength = body.length - slf.rlcTransmitted - slf.cmacSize;
  if (encLength < 1) {
    return new DecodeError(
      "TELEGRAM_MALFORMED",
      `secure telegram of ${body.length} byte(s) is too short for SLF 0x${slf.byte.toString(16).padStart(2, "0")}`,
      { length: body.length },
    );
  }
  const enc = body.subarray(0, encLength);
  const transmitted = body.subarray(encLength, encLength + slf.rlcTransmitted);
  const mac = body.subarray(encLength + slf.rlcTransmitted);

  // CMAC input: R-ORG-S | encrypted data | RLC (always the full RLC size, even when implicit).
  const message = new Uint8Array(1 + encLength + slf.rlcSize);
  message[0] = input.rorg;
  message.set(enc, 1);
  const verify = (rlc: number | undefined): boolean => {
    if (rlc !== undefined) rlcBytes(rlc, slf.rlcSize, message, 1 + encLength);
    return slf.cmacSize === 0 || key.cmac.verify(message, mac);
  };

  const attempt = (attemptNo: number): MaybePromise<OpenedSecureTelegram | DecodeError> =>
    andThen(slf.rlcSize === 0 ? undefined : store.get(deviceId, telegramId), (stored) => {
      const expected = stored ?? initialNext;
      const verdict = searchRlc(slf, transmitted, expected, policy, verify);
      switch (verdict.kind) {
        case "mac":
          return new DecodeError(
            "MAC_VALIDATION_ERROR",
            slf.rlcTransmitted === 0 && slf.rlcSize > 0
              ? `CMAC does not verify for any RLC within the window of ${policy.window}`
              : "CMAC does not verify",
            { expectedRlc: expected },
          );
        case "replay":
          return new DecodeError(
            "RLC_REPLAY",
            `RLC ${rlcToHex(verdict.rlc, slf)} is below the next acceptable RLC ${expected === undefined ? "?" : rlcToHex(expected, slf)}`,
            { rlc: verdict.rlc, expectedRlc: expected },
          );
        case "outOfWindow":
          return new DecodeError(
            "RLC_OUT_OF_WINDOW",
            `RLC ${rlcToHex(verdict.rlc, slf)} is more than ${policy.explicitWindow} ahead of the expected RLC`,
            { rlc: verdict.rlc, expectedRlc: expected },
          );
        case "accepted": {
          const { rlc, next } = verdict;
          if (next === undefined) return decrypt(input, enc, rlc);
          return andThen(store.compareAndSet(deviceId, stored, next, telegramId), (won) => {
            if (won) return decrypt(input, enc, rlc);
            if (attemptNo < MAX_CAS_ATTEMPTS) return attempt(attemptNo + 1);
            return new DecodeError("RLC_REPLAY", "another worker accepted this RLC first", { rlc });
          });
        }
      }
    });
  return attempt(1);
}

function decrypt(
  input: SecureTelegramInput,
  enc: Uint8Array,
  rlc: number | undefined,
): OpenedSecureTelegram | DecodeError {
  const { slf } = input;
  let plain = enc;
  if (slf.encrypted) {
    plain = vaes(input.key.aes, rlc === undefined ? new Uint8Array(0) : rlcBytes(rlc, slf.rlcSize), enc);
    if (input.rorg === Rorg.SEC && input.isPtm) for (let i = 0; i < plain.length; i++) plain[i] = plain[i]! & 0x0f;
  }
  const rlcHex = rlc === undefined ? "" : rlcToHex(rlc, slf);
  if (input.rorg === Rorg.SEC) return { rorg: Rorg.SEC_D, payload: plain, rlc, rlcHex, slf };
  if (plain.length < 2) {
    return new DecodeError("TELEGRAM_MALFORMED", "decrypted SEC_R content has no data after its R-ORG");
  }
  return { rorg: plain[0]!, payload: plain.subarray(1), rlc, rlcHex, slf };
}
