// Follows every reading from the simulator to a consumer: the simulator reports the fingerprint
// of the telegram that completes each message and when it was sent; the consumer sees the same
// fingerprint in the message's telegram id (`<fingerprint>-<arrival time>`). A fingerprint repeats
// only when a sensor sends the same bytes again, seconds later, so sends and receipts pair up
// first-in first-out per fingerprint.

export interface PhaseCounts {
  sent: number;
  /** sent readings whose message arrived */
  received: number;
  /** messages that arrived again (the same telegram id: at-least-once delivery) */
  duplicates: number;
  /** messages no reading accounts for: copies of a telegram that duplicate removal let through as
   * a telegram of their own (their receptions reached ingest further apart than the window) */
  extras: number;
}

export class TelegramTracker {
  private readonly unmatchedSends = new Map<string, number[]>();
  private readonly unmatchedReceipts = new Map<string, number[]>();
  private readonly seenIds = new Set<string>();
  private sent = 0;
  private received = 0;
  private duplicates = 0;
  /** end-to-end latencies (ms) while recording */
  latencies: number[] = [];
  /** from the telegram's first arrival at ingest (the time in its id) to the consumer (ms), while
   * recording: the part of the latency Tidewire's pipeline accounts for */
  fromIngest: number[] = [];
  recording = false;

  constructor(readonly name: string) {}

  noteSent(fingerprint: string, at: number): void {
    this.sent++;
    const early = this.unmatchedReceipts.get(fingerprint);
    if (early?.length) {
      this.match(at, early.shift()!);
      if (early.length === 0) this.unmatchedReceipts.delete(fingerprint);
      return;
    }
    const list = this.unmatchedSends.get(fingerprint);
    if (list) list.push(at);
    else this.unmatchedSends.set(fingerprint, [at]);
  }

  /** A message arrived; `telegramId` from its payload. */
  noteReceived(telegramId: string, at: number): void {
    if (this.seenIds.has(telegramId)) {
      this.duplicates++;
      return;
    }
    this.seenIds.add(telegramId);
    const dash = telegramId.lastIndexOf("-");
    const fingerprint = telegramId.slice(0, dash);
    const arrivedAt = parseInt(telegramId.slice(dash + 1), 36);
    if (this.recording && Number.isFinite(arrivedAt)) this.fromIngest.push(at - arrivedAt);
    const sends = this.unmatchedSends.get(fingerprint);
    if (sends?.length) {
      this.match(sends.shift()!, at);
      if (sends.length === 0) this.unmatchedSends.delete(fingerprint);
      return;
    }
    // The simulator's report of this send is still on its way.
    const list = this.unmatchedReceipts.get(fingerprint);
    if (list) list.push(at);
    else this.unmatchedReceipts.set(fingerprint, [at]);
  }

  private match(sentAt: number, receivedAt: number): void {
    this.received++;
    if (this.recording) this.latencies.push(receivedAt - sentAt);
  }

  counts(): PhaseCounts {
    let extras = 0;
    for (const list of this.unmatchedReceipts.values()) extras += list.length;
    return { sent: this.sent, received: this.received, duplicates: this.duplicates, extras };
  }

  /** Sent but not (yet) received. */
  get outstanding(): number {
    return this.sent - this.received;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
