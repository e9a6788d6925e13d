import type { Redis } from "ioredis";
import { channels } from "@tidewire/config";
import { loadDecodeDevices, type DecodeDevice, type Db, type SecretBox } from "@tidewire/db";
import type { Logger } from "../logging/logger";

const TTL_MS = 60_000;

interface Entry {
  byEurid: Map<string, DecodeDevice>;
  loadedAt: number;
  /** set while the first load of a tenant runs */
  loading: Promise<void> | undefined;
  /** a background reload of an expired entry runs */
  refreshing: boolean;
}

/** The worker's cache of each tenant's devices (keys decrypted, in memory only). Entries are
 * reloaded in the background after a minute and dropped at once when the portal announces a
 * change. */
export class DeviceDirectory {
  private readonly tenants = new Map<string, Entry>();
  private subscriber?: Redis;

  constructor(private readonly options: { db: Db; box: SecretBox; prefix: string; log: Logger }) {}

  /** Listen for change announcements on a dedicated connection. */
  async watch(subscriber: Redis): Promise<void> {
    this.subscriber = subscriber;
    subscriber.on("message", (_channel: string, tenantId: string) => this.tenants.delete(tenantId));
    await subscriber.subscribe(channels.devicesChanged(this.options.prefix));
  }

  async forTenant(tenantId: string): Promise<Map<string, DecodeDevice>> {
    const entry = this.tenants.get(tenantId);
    if (entry) {
      if (entry.loading) await entry.loading;
      // Expired: keep deciding with what is known while a fresh copy loads in the background,
      // so that a large tenant's reload (thousands of devices, keys decrypted) never stalls
      // every partition at once. A change announcement drops the entry: that reload is waited for.
      if (Date.now() - entry.loadedAt > TTL_MS && !entry.refreshing) {
        entry.refreshing = true;
        this.load(tenantId).catch((err: unknown) => {
          entry.refreshing = false;
          this.options.log.warn({ err, tenantId }, "could not reload the tenant's devices; using the cached ones");
        });
      }
      return entry.byEurid;
    }
    return this.load(tenantId);
  }

  /** Loads a tenant's devices; concurrent batches of a tenant not yet known wait for the one load. */
  private async load(tenantId: string): Promise<Map<string, DecodeDevice>> {
    const known = this.tenants.get(tenantId);
    const fresh: Entry = { byEurid: new Map(), loadedAt: Date.now(), loading: undefined, refreshing: false };
    const loading = loadDecodeDevices(this.options.db, this.options.box, tenantId).then(
      (devices) => {
        fresh.byEurid = new Map(devices.map((d) => [d.sourceEurid, d]));
        fresh.loading = undefined;
        fresh.loadedAt = Date.now();
        // A change announced while loading dropped the entry: what was loaded may be stale, and
        // the next batch loads again.
        if (known && this.tenants.get(tenantId) === known) this.tenants.set(tenantId, fresh);
      },
      (err: unknown) => {
        if (!known) this.tenants.delete(tenantId);
        throw err;
      },
    );
    if (!known) {
      fresh.loading = loading;
      this.tenants.set(tenantId, fresh);
    }
    await loading;
    return fresh.byEurid;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
