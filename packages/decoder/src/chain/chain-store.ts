import type { MaybePromise } from "../maybe-promise";

/** One stored part of a chained message (CDM, SEC_CDM, SEC_TI). JSON-serialisable, so a Redis
 * store can keep each fragment as one hash field. */
export interface ChainFragment {
  /** Position in the chain (IDX, 0-based). */
  idx: number;
  /** Content bytes of this fragment as lower-case hex (after the SEQ/IDX byte and header fields). */
  data: string;
  /** Engine clock (ms) when the fragment was received. */
  receivedAt: number;
  /** First fragment only: announced length of the reassembled message. */
  length?: number;
  /** First fragment of a plain CDM only: R-ORG of the reassembled message. */
  rorg?: number;
  /** First fragment of a SEC_TI only: its teach-in info byte. */
  info?: number;
}

export interface ChainPutOptions {
  /** The fragment opens a new chain: drop every other stored fragment of the key, unless the stored
   * fragment with the same idx has identical data (then it is a repeated copy of the same start). */
  restart: boolean;
  /** The entry may be forgotten this long after its last write. */
  ttlMs: number;
}

/**
 * Partial chains shared by every worker. Keys are built by the engine from the sender EURID and the
 * chain's sequence number; stores treat them as opaque. Methods may answer synchronously (memory)
 * or with a promise (Redis); each `put` must be atomic per key (e.g. one Lua script or MULTI).
 */
export interface ChainStore {
  /** Stores `fragment` under `key` (replacing a fragment with the same idx) and returns every fragment
   * now stored under the key, in any order. */
  put(key: string, fragment: ChainFragment, options: ChainPutOptions): MaybePromise<readonly ChainFragment[]>;
  /** Forgets the key (chain complete, abandoned or timed out). */
  delete(key: string): MaybePromise<void>;
}

interface MemoryEntry {
  fragments: ChainFragment[];
  expiresAt: number;
}

/** In-memory ChainStore for a single process, tests and the CLI. Expiry uses the fragments' own
 * timestamps (the engine clock); expired entries are swept while new fragments arrive. */
export class MemoryChainStore implements ChainStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private putsSinceSweep = 0;

  /** Number of keys currently held (expired ones included until the next sweep). */
  get size(): number {
    return this.entries.size;
  }

  put(key: string, fragment: ChainFragment, options: ChainPutOptions): readonly ChainFragment[] {
    const now = fragment.receivedAt;
    if (++this.putsSinceSweep >= 256) this.sweep(now);
    let entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= now) entry = undefined;
    if (entry === undefined) {
      entry = { fragments: [], expiresAt: 0 };
      this.entries.set(key, entry);
    }
    const sameIdx = entry.fragments.findIndex((f) => f.idx === fragment.idx);
    if (options.restart && (sameIdx < 0 || entry.fragments[sameIdx]!.data !== fragment.data)) {
      entry.fragments = [fragment];
    } else if (sameIdx >= 0) {
      entry.fragments[sameIdx] = fragment;
    } else {
      entry.fragments.push(fragment);
    }
    entry.expiresAt = now + options.ttlMs;
    return entry.fragments.slice();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(now: number): void {
    this.putsSinceSweep = 0;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
