import type { Redis } from "ioredis";

const REFRESH_MS = 1_000;

/** Whether anyone listens on a live-view channel. The portal subscribes to a tenant's channel only
 * while someone watches; publishing every message to nobody costs Redis and the worker CPU per
 * telegram. Redis is asked (PUBSUB NUMSUB, which counts exact subscriptions) at most once a second
 * per channel, in the background: a watcher that arrives is served within about a second. */
export class LiveAudience {
  private readonly known = new Map<string, { at: number; subscribers: number | undefined; asking: boolean }>();

  constructor(
    private readonly redis: Redis,
    private readonly refreshMs: number = REFRESH_MS,
  ) {}

  /** The last answer for the channel; true while none came yet (better one publish too many). */
  listening(channel: string, now: number = Date.now()): boolean {
    let entry = this.known.get(channel);
    if (!entry) {
      entry = { at: 0, subscribers: undefined, asking: false };
      this.known.set(channel, entry);
    }
    if (!entry.asking && now - entry.at >= this.refreshMs) this.refresh(channel, entry, now);
    return entry.subscribers === undefined || entry.subscribers > 0;
  }

  private refresh(
    channel: string,
    entry: { at: number; subscribers: number | undefined; asking: boolean },
    now: number,
  ) {
    entry.asking = true;
    entry.at = now;
    this.redis
      .pubsub("NUMSUB", channel)
      .then((reply) => {
        entry.subscribers = Number((reply as unknown[])[1] ?? 0);
      })
      // Redis away: the last answer stands (publishing fails anyway); asked again in a second.
      .catch(() => undefined)
      .finally(() => {
        entry.asking = false;
      });
  }
}
