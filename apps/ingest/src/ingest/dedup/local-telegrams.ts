import type { Reception } from "../../pipeline/queues";

/**
 * What this process knows of a radio telegram it heard recently:
 * - `claiming`: its first reception here is on its way to Redis;
 * - `ours`: this process claimed it and holds it until its gathering ends;
 * - `theirs`: another process claimed it (copies heard here go to Redis to join it);
 * - `released`: it left for the queue (copies heard here now are late).
 */
export type LocalState = "claiming" | "ours" | "theirs" | "released";

/** A copy heard here, and where from (the gateway's session, for its counters). */
export interface LocalCopy<From = unknown> {
  reception: Reception;
  from: From;
}

export interface LocalTelegram<From = unknown> {
  readonly key: string;
  state: LocalState;
  /** arrival of its first reception here (ms): the window is measured from it */
  readonly at: number;
  /** copies heard here while `claiming` or `ours`: they join without a Redis round trip */
  readonly extra: LocalCopy<From>[];
  /** its sender's key in the reception habits (ERP1 telegrams) */
  habit?: string | undefined;
  /** receptions after which it is complete (its sender's habit), when known */
  expected?: number | undefined;
  /** set while held for its gathering: ends the gathering now (all expected copies are here) */
  complete?: (() => void) | undefined;
}

/** True when the telegram already has every reception its sender's telegrams usually have. */
export function isComplete(local: LocalTelegram<unknown> | undefined): boolean {
  return local?.expected !== undefined && 1 + local.extra.length >= local.expected;
}

/**
 * Recent telegrams of this ingest process, so that the copies of a telegram that reach the same
 * process (a building's access points usually share one) cost no Redis call: only the first
 * reception claims the telegram in Redis, later ones join it here and are added to its receptions
 * when it is released. Copies heard by other processes still meet in Redis (DuplicateClaims).
 * Entries are kept for the duplicate window, in arrival order, and swept from the oldest.
 */
export class LocalTelegrams<From = unknown> {
  private readonly byKey = new Map<string, LocalTelegram<From>>();

  constructor(private readonly windowMs: number) {}

  /** The telegram this reception belongs to, if one was heard here within the window. */
  find(tenantId: string, fingerprint: string, at: number): LocalTelegram<From> | undefined {
    this.sweep(at);
    const entry = this.byKey.get(`${tenantId}:${fingerprint}`);
    return entry && at - entry.at <= this.windowMs ? entry : undefined;
  }

  /** Starts a new telegram (a later one of the same fingerprint replaces the old entry). */
  start(tenantId: string, fingerprint: string, at: number): LocalTelegram<From> {
    const key = `${tenantId}:${fingerprint}`;
    const entry: LocalTelegram<From> = { key, state: "claiming", at, extra: [] };
    // Delete first so that the map's order stays the order of arrival.
    this.byKey.delete(key);
    this.byKey.set(key, entry);
    return entry;
  }

  /** Forgets a telegram (its claim failed: the next copy claims again). */
  forget(entry: LocalTelegram<From>): void {
    if (this.byKey.get(entry.key) === entry) this.byKey.delete(entry.key);
  }

  /** Drops entries older than the window, from the oldest; stops at the first one still young.
   * Arrival times are not strictly ordered across sockets, so a few may linger a little longer. */
  private sweep(now: number): void {
    for (const [key, entry] of this.byKey) {
      if (now - entry.at <= this.windowMs) break;
      this.byKey.delete(key);
    }
  }
}
