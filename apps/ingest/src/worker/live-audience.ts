import type { Redis } from "ioredis";

const REFRESH_MS = 1_000;
/** How long past its refresh an answer still counts: the reply to the next question is on its way. */
const GRACE_MS = 250;

interface Entry {
  /** the last answer and when it was asked for */
  answer?: { subscribers: number; askedAt: number };
  /** when the question in flight (or the last one) was sent */
  askedAt: number;
  asking: boolean;
}

/** Whether anyone listens on a live-view channel. The portal subscribes to a tenant's channel only
 * while someone watches; publishing every message to nobody costs Redis and the worker CPU per
 * telegram. Redis is asked (PUBSUB NUMSUB, which counts exact subscriptions) at most once a second
 * per channel, in the background. Only a recent "nobody" holds messages back: a tenant whose
 * messages come rarely finds its answer old and publishes, so a watcher who arrived meanwhile
 * misses nothing; at high rates a watcher is served within about a second. */
export class LiveAudience {
  private readonly known = new Map<string, Entry>();

  private readonly refreshMs: number;
  private readonly graceMs: number;

  constructor(
    private readonly redis: Redis,
    timing: { refreshMs?: number; graceMs?: number } = {},
  ) {
    this.refreshMs = timing.refreshMs ?? REFRESH_MS;
    this.graceMs = timing.graceMs ?? GRACE_MS;
  }

  /** false only when Redis said "no subscriber" within about the last second */
  listening(channel: string, now: number = Date.now()): boolean {
    let entry = this.known.get(channel);
    if (!entry) {
      entry = { askedAt: 0, asking: false };
      this.known.set(channel, entry);
    }
    if (!entry.asking && now - entry.askedAt >= this.refreshMs) this.ask(channel, entry, now);
    const answer = entry.answer;
    if (!answer || now - answer.askedAt >= this.refreshMs + this.graceMs) return true;
    return answer.subscribers > 0;
  }

  private ask(channel: string, entry: Entry, now: number): void {
    entry.asking = true;
    entry.askedAt = now;
    this.redis
      .pubsub("NUMSUB", channel)
      .then((reply) => {
        entry.answer = { subscribers: Number((reply as unknown[])[1] ?? 0), askedAt: now };
      })
      // Redis away: the answer ages and messages are published (which fails too); asked again in a second.
      .catch(() => undefined)
      .finally(() => {
        entry.asking = false;
      });
  }
}
