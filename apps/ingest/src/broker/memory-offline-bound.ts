import type { OfflineBound } from "./offline-bound";
import type { BrokerPersistence } from "./session-store";

/** The bound for sessions kept in memory (one broker process). While a session is away nothing
 * but new messages changes its queue, so its length is counted once and then kept up to date. */
export class MemoryOfflineBound implements OfflineBound {
  private readonly lengths = new Map<string, number>();
  private readonly dropped = new Map<string, number>();

  constructor(
    private readonly persistence: BrokerPersistence,
    private readonly isConnected: (clientId: string) => boolean,
    private readonly max: number,
  ) {}

  async enforce(clientIds: string[]): Promise<Map<string, number>> {
    const added = new Map<string, number>();
    for (const id of clientIds) added.set(id, (added.get(id) ?? 0) + 1);
    const lost = new Map<string, number>();
    for (const [id, count] of added) {
      if (this.isConnected(id)) {
        this.lengths.delete(id);
        continue;
      }
      let length = this.lengths.get(id);
      if (length === undefined) {
        length = 0;
        for await (const _ of this.persistence.outgoingStream({ id })) length++;
      } else length += count;
      let drops = 0;
      // A queued message not yet sent has no message id: clearing "no id" removes the oldest
      // such message (aedes-persistence keeps the queue in arrival order).
      while (length > this.max && (await this.persistence.outgoingClearMessageId({ id }, { messageId: undefined }))) {
        length--;
        drops++;
      }
      this.lengths.set(id, length);
      if (drops) {
        lost.set(id, drops);
        this.dropped.set(id, (this.dropped.get(id) ?? 0) + drops);
      }
    }
    return lost;
  }

  takeDropped(clientId: string): Promise<number> {
    const count = this.dropped.get(clientId) ?? 0;
    this.dropped.delete(clientId);
    return Promise.resolve(count);
  }

  connected(clientId: string): void {
    this.lengths.delete(clientId);
  }
}
