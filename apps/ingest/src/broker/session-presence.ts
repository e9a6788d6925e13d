import type { Redis } from "ioredis";

const COMPARE_AND_DELETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

export const presenceKey = (clientId: string) => `session-online:${encodeURIComponent(clientId)}`;

/** Which persistent sessions are connected right now, on any broker process (Redis keys with a
 * time to live, refreshed while connected). A connected session's queue holds messages in flight
 * to it, which must not be trimmed; only the queues of sessions that are away are bounded. A
 * broker that dies leaves its markers to expire. */
export class SessionPresence {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly brokerId: string,
    private readonly ttlMs = 90_000,
  ) {}

  connected(clientId: string): Promise<unknown> {
    return this.redis.set(presenceKey(clientId), this.brokerId, "PX", this.ttlMs);
  }

  /** Removes the marker unless another broker process has taken the session over meanwhile. */
  disconnected(clientId: string): Promise<unknown> {
    return this.redis.eval(COMPARE_AND_DELETE, 1, presenceKey(clientId), this.brokerId);
  }

  /** Keeps the markers of the sessions connected here alive. */
  keepAlive(connectedIds: () => string[]): void {
    this.timer = setInterval(() => {
      const ids = connectedIds();
      if (ids.length === 0) return;
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.set(presenceKey(id), this.brokerId, "PX", this.ttlMs);
      pipeline.exec().catch(() => {});
    }, Math.floor(this.ttlMs / 3));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
