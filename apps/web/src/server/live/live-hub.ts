import "server-only";
import { Redis } from "ioredis";
import { services } from "../services";

type Listener = (payload: string) => void;

/** One Redis subscription per web process, fanned out to every open stream that listens to a
 * channel (a tenant's live device events, teach-ins or alarms). */
class LiveHub {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  private ensureSubscriber(): Redis {
    if (!this.subscriber) {
      this.subscriber = new Redis(services().config.REDIS_URL, { maxRetriesPerRequest: null });
      this.subscriber.on("message", (channel: string, payload: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(payload);
      });
    }
    return this.subscriber;
  }

  async subscribe(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.ensureSubscriber().subscribe(channel);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(channel);
        void this.subscriber?.unsubscribe(channel);
      }
    };
  }
}

const holder = globalThis as unknown as { __tidewireLiveHub?: LiveHub };
export function liveHub(): LiveHub {
  holder.__tidewireLiveHub ??= new LiveHub();
  return holder.__tidewireLiveHub;
}
