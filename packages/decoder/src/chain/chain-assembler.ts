import { Rorg } from "../erp/rorg";
import { DecodeError } from "../errors";
import { byteToHex, toHex } from "../hex";
import { andThen, type MaybePromise } from "../maybe-promise";
import { assembleChain, parseCdmFragment, type AssembledChain } from "./cdm";
import type { ChainFragment, ChainStore } from "./chain-store";

/** A complete chained message. */
export interface ReassembledMessage extends AssembledChain {
  /** 0x40 CDM or 0x33 SEC_CDM (the content is then a SEC_R message). */
  chainRorg: number;
  seq: number;
  /** Number of fragments it was made of. */
  fragments: number;
}

export type ChainStep = ReassembledMessage | { pending: true } | DecodeError;

/**
 * Reassembles CDM / SEC_CDM chains through a ChainStore, keyed by (sender, chain R-ORG, SEQ).
 * IDX 0 (re)starts a chain; a following fragment must arrive within `timeoutMs` of the previous one
 * (CHAIN_TIMEOUT otherwise) and needs a started chain (CHAIN_ORPHAN_FRAGMENT otherwise). Repeated
 * fragments overwrite by IDX, so copies from repeaters or several gateways are harmless.
 */
export class ChainAssembler {
  constructor(
    private readonly store: ChainStore,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  add(sender: string, chainRorg: number, userData: Uint8Array): MaybePromise<ChainStep> {
    const parsed = parseCdmFragment(userData, chainRorg === Rorg.SEC_CDM);
    const receivedAt = this.now();
    const fragment: ChainFragment = { idx: parsed.idx, data: toHex(parsed.content), receivedAt };
    if (parsed.idx === 0) {
      fragment.length = parsed.length!;
      if (parsed.rorg !== undefined) fragment.rorg = parsed.rorg;
      if (parsed.content.length >= parsed.length!) {
        // The whole message fits in the first telegram: nothing to store.
        return this.complete(assembleChain([fragment])!, chainRorg, parsed.seq, 1);
      }
    }
    const key = `${sender}:${byteToHex(chainRorg)}:${parsed.seq}`;
    // Entries are kept twice as long as the timeout so that a late fragment can be told apart
    // (CHAIN_TIMEOUT) from one whose chain never started (CHAIN_ORPHAN_FRAGMENT).
    const options = { restart: parsed.idx === 0, ttlMs: 2 * this.timeoutMs };
    return andThen(this.store.put(key, fragment, options), (stored) => {
      let newestPrevious = Number.NEGATIVE_INFINITY;
      for (const f of stored) if (f.idx !== parsed.idx && f.receivedAt > newestPrevious) newestPrevious = f.receivedAt;
      const timedOut = newestPrevious !== Number.NEGATIVE_INFINITY && receivedAt - newestPrevious > this.timeoutMs;
      if (timedOut && parsed.idx === 0) {
        // A stale partial chain with the same SEQ: start over from this fragment alone.
        return andThen(this.store.delete(key), () =>
          andThen(this.store.put(key, fragment, options), () => ({ pending: true }) as const),
        );
      }
      if (timedOut) {
        return andThen(
          this.store.delete(key),
          () =>
            new DecodeError(
              "CHAIN_TIMEOUT",
              `chain fragment IDX ${parsed.idx} (SEQ ${parsed.seq}) arrived ${receivedAt - newestPrevious} ms after the previous one; the limit is ${this.timeoutMs} ms`,
              { seq: parsed.seq, idx: parsed.idx },
            ),
        );
      }
      if (!stored.some((f) => f.idx === 0)) {
        return andThen(
          this.store.delete(key),
          () =>
            new DecodeError(
              "CHAIN_ORPHAN_FRAGMENT",
              `chain fragment IDX ${parsed.idx} (SEQ ${parsed.seq}) without the first fragment of its chain`,
              { seq: parsed.seq, idx: parsed.idx },
            ),
        );
      }
      const assembled = assembleChain(stored);
      if (assembled === undefined) return { pending: true } as const;
      return andThen(this.store.delete(key), () => this.complete(assembled, chainRorg, parsed.seq, stored.length));
    });
  }

  private complete(assembled: AssembledChain, chainRorg: number, seq: number, fragments: number): ReassembledMessage {
    return { ...assembled, chainRorg, seq, fragments };
  }
}
