import type { Redis } from "ioredis";
import { channels } from "@tidewire/config";
import { loadDecodeDevices, type DecodeDevice, type Db, type SecretBox } from "@tidewire/db";
import type { Logger } from "../logging/logger";

const TTL_MS = 60_000;

/** The worker's cache of each tenant's devices (keys decrypted, in memory only). Entries expire
 * after a minute and are dropped at once when the portal announces a change. */
export class DeviceDirectory {
  private readonly tenants = new Map<string, { byEurid: Map<string, DecodeDevice>; loadedAt: number; loading: Promise<void> | undefined }>();
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
    if (entry && Date.now() - entry.loadedAt <= TTL_MS) {
      if (entry.loading) await entry.loading;
      return entry.byEurid;
    }
    // One load per tenant at a time; concurrent batches wait for it.
    const fresh = { byEurid: new Map<string, DecodeDevice>(), loadedAt: Date.now(), loading: undefined as Promise<void> | undefined };
    fresh.loading = loadDecodeDevices(this.options.db, this.options.box, tenantId).then(
      (devices) => {
        fresh.byEurid = new Map(devices.map((d) => [d.sourceEurid, d]));
        fresh.loading = undefined;
      },
      (err: unknown) => {
        this.tenants.delete(tenantId);
        throw err;
      },
    );
    this.tenants.set(tenantId, fresh);
    await fresh.loading;
    return fresh.byEurid;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
