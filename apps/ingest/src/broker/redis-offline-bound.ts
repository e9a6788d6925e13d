import type { Redis } from "ioredis";
import type { OfflineBound } from "./offline-bound";
import { presenceKey } from "./session-presence";

// aedes-persistence-redis keeps a session's queue as the list outgoing:<client id>, whose items
// name the stored packets ("packet:<broker>:<counter>"), each with a count of the queues still
// holding it ("…:offlineCount"). Trimming the list must release those packets the way an
// acknowledgement does. One script does it atomically; it leaves connected sessions alone (their
// queue is what is in flight) and counts what it dropped.
const TRIM = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local excess = redis.call('LLEN', KEYS[1]) - tonumber(ARGV[1])
if excess <= 0 then return 0 end
for i = 1, excess do
  local packet = redis.call('LPOP', KEYS[1])
  if not packet then break end
  local count = ARGV[2] .. packet .. ':offlineCount'
  if redis.call('DECR', count) <= 0 then redis.call('DEL', ARGV[2] .. packet, count) end
end
redis.call('INCRBY', KEYS[3], excess)
return excess
`;

const queueKey = (clientId: string) => `outgoing:${encodeURIComponent(clientId)}`;
const droppedKey = (clientId: string) => `session-dropped:${encodeURIComponent(clientId)}`;

type TrimmingRedis = Redis & { trimOfflineQueue(queue: string, online: string, dropped: string, max: number, keyPrefix: string): Promise<number> };

/** The bound for sessions kept in Redis, shared by every broker process. */
export class RedisOfflineBound implements OfflineBound {
  private readonly redis: TrimmingRedis;

  /** `redis` is the persistence's own connection; `keyPrefix` its ioredis keyPrefix, which the
   * script must add to the packet keys it reads from the list. */
  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
    private readonly max: number,
  ) {
    redis.defineCommand("trimOfflineQueue", { numberOfKeys: 3, lua: TRIM });
    this.redis = redis as TrimmingRedis;
  }

  async enforce(clientIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(clientIds)];
    const pipeline = this.redis.pipeline() as unknown as { trimOfflineQueue(...args: unknown[]): unknown; exec(): Promise<[Error | null, unknown][] | null> };
    for (const id of ids) pipeline.trimOfflineQueue(queueKey(id), presenceKey(id), droppedKey(id), this.max, this.keyPrefix);
    const results = (await pipeline.exec()) ?? [];
    const lost = new Map<string, number>();
    results.forEach(([err, dropped], i) => {
      if (err) throw err;
      if (typeof dropped === "number" && dropped > 0) lost.set(ids[i]!, dropped);
    });
    return lost;
  }

  async takeDropped(clientId: string): Promise<number> {
    const value = await this.redis.getdel(droppedKey(clientId));
    return value ? Number(value) : 0;
  }

  connected(): void {
    // Presence is kept in Redis by SessionPresence.
  }
}
