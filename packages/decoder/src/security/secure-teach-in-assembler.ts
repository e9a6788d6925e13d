import type { ChainFragment, ChainStore } from "../chain/chain-store";
import { DecodeError } from "../errors";
import { toHex } from "../hex";
import { andThen, type MaybePromise } from "../maybe-promise";
import {
  assembleSecureTeachIn,
  parseSecureTeachInPart,
  secureTeachInCount,
  type SecureTeachIn,
  type SecureTeachInKeys,
} from "./secure-teach-in";

export type SecureTeachInStep = SecureTeachIn | { pending: true } | DecodeError;

/**
 * Collects the parts of a SEC_TI message (two telegrams on ERP1) through the ChainStore, keyed by
 * sender. The specification gives SEC_TI no timeout and lets newer telegrams with the same index
 * overwrite older ones, so parts may arrive in any order; the entry expires after `ttlMs`.
 */
export class SecureTeachInAssembler {
  constructor(
    private readonly store: ChainStore,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  add(sender: string, userData: Uint8Array, keys: () => SecureTeachInKeys): MaybePromise<SecureTeachInStep> {
    const part = parseSecureTeachInPart(userData);
    const fragment: ChainFragment = { idx: part.idx, data: toHex(part.content), receivedAt: this.now() };
    if (part.idx === 0) fragment.info = part.infoByte;
    if (part.idx === 0 && secureTeachInCount(part.infoByte) === 1) {
      return assembleSecureTeachIn([fragment], keys()) ?? malformed();
    }
    const key = `${sender}:35`;
    return andThen(this.store.put(key, fragment, { restart: false, ttlMs: this.ttlMs }), (stored) => {
      let teachIn: SecureTeachIn | undefined;
      try {
        teachIn = assembleSecureTeachIn(stored, keys());
      } catch (error) {
        return andThen(this.store.delete(key), () => {
          throw error;
        });
      }
      if (teachIn === undefined) return { pending: true } as const;
      const complete = teachIn;
      return andThen(this.store.delete(key), () => complete);
    });
  }
}

function malformed(): DecodeError {
  return new DecodeError("TELEGRAM_MALFORMED", "single-telegram SEC_TI without its content");
}
