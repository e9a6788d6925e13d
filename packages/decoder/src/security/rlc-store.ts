import type { MaybePromise } from "../maybe-promise";

/**
 * Rolling-code state per secure device, shared by every worker: the lowest RLC the receiver accepts
 * next (last accepted + 1). The worker backs it with Redis (hot) and Postgres (durable), so that a
 * restart neither accepts replays nor rejects valid telegrams. Methods may return promises.
 */
export interface RlcStore {
  /** Next acceptable RLC of the device, or undefined when nothing is known yet. `telegramId`
   * (when the caller gives one to decode()) names the telegram being judged: a store that
   * remembers which telegram moved the RLC on may answer the value as it was before that very
   * telegram, so a telegram judged again (its batch processed once more after a worker died) is
   * accepted again instead of being taken for a replay of itself. */
  get(deviceId: string, telegramId?: string): MaybePromise<number | undefined>;
  /** Sets the next acceptable RLC to `next` only if the stored value still equals `expected`
   * (undefined = no value stored), atomically; returns whether it was set. A false answer means
   * another worker accepted a telegram of the device in between, and the engine re-evaluates.
   * A store that remembers telegrams answers true, changing nothing, when this same telegram
   * already made this same step. */
  compareAndSet(deviceId: string, expected: number | undefined, next: number, telegramId?: string): MaybePromise<boolean>;
}

/** In-memory RlcStore for a single process, tests and the CLI. */
export class MemoryRlcStore implements RlcStore {
  private readonly values = new Map<string, number>();

  constructor(initial?: Iterable<readonly [string, number]>) {
    if (initial) for (const [deviceId, next] of initial) this.values.set(deviceId, next);
  }

  get(deviceId: string): number | undefined {
    return this.values.get(deviceId);
  }

  compareAndSet(deviceId: string, expected: number | undefined, next: number): boolean {
    if (this.values.get(deviceId) !== expected) return false;
    this.values.set(deviceId, next);
    return true;
  }

  /** Unconditional write, e.g. after the pipeline accepted a secure teach-in. */
  set(deviceId: string, next: number): void {
    this.values.set(deviceId, next);
  }

  delete(deviceId: string): void {
    this.values.delete(deviceId);
  }
}
