import { saveNextRlcs, type SqlTarget } from "@tidewire/db";
import type { Logger } from "../logging/logger";

/** Rolling codes accepted since the last flush, written to Postgres in one statement (never per
 * telegram). A failed write keeps the values for the next flush. */
export class RlcWriteBehind {
  private pending = new Map<string, { tenantId: string; sourceEurid: string; rlc: string }>();
  private flushing?: Promise<void>;

  constructor(private readonly options: { db: SqlTarget; log: Logger }) {}

  record(tenantId: string, sourceEurid: string, rlc: string): void {
    this.pending.set(`${tenantId}:${sourceEurid}`, { tenantId, sourceEurid, rlc });
  }

  get size(): number {
    return this.pending.size;
  }

  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (this.pending.size === 0) return Promise.resolve();
    const rows = this.pending;
    this.pending = new Map();
    this.flushing = saveNextRlcs(this.options.db, [...rows.values()])
      .catch((err: unknown) => {
        this.options.log.warn({ err }, "could not persist rolling codes; they will be retried");
        for (const [key, row] of rows) if (!this.pending.has(key)) this.pending.set(key, row);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }
}
